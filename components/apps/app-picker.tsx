// The current app in a page's toolbar: a picker when the user has several apps, else its name. The
// page says what switching means for it (the Traces page keeps its filters, the Exports page does not).
import { Select } from "@/components/ui/select";

export interface AppOption {
  id: string;
  name: string;
}

export function AppPicker({ apps, appId, onSwitch }: { apps: AppOption[]; appId: string; onSwitch: (appId: string) => void }) {
  if (apps.length > 1) {
    return (
      <Select
        aria-label="App"
        options={apps.map((a) => ({ value: a.id, label: a.name }))}
        value={appId}
        onChange={(e) => onSwitch(e.target.value)}
        className="h-7 text-xs"
      />
    );
  }
  return (
    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="app-name">
      {apps[0]?.name ?? appId}
    </span>
  );
}
