// The applied filters as chips, in the words of the filter bar (used by the Export dialog).
import { Chip } from "@/components/ui/chip";
import { activeFilters, type FilterKey, type TableFilters } from "@/lib/client/trace-url-state";
import { STATUS_LABEL, formatFullTime } from "./format";

const LABEL: Record<FilterKey, string> = {
  startDate: "from",
  endDate: "to",
  score: "score",
  minScore: "min score",
  maxScore: "max score",
  model: "model",
  type: "type",
  status: "status",
  name: "name contains",
  userId: "user",
  tag: "tag",
  metadata_key: "metadata key",
  metadata_value: "metadata value",
};

function display(key: FilterKey, value: string): string {
  if (key === "startDate" || key === "endDate") return formatFullTime(value);
  if (key === "status") return STATUS_LABEL[value] ?? value;
  return value;
}

export function ActiveFilterChips({ filters }: { filters: TableFilters }) {
  const active = activeFilters(filters);
  const hasRange = active.some((f) => f.key === "startDate" || f.key === "endDate");
  return (
    <ul className="flex flex-wrap gap-1.5" data-testid="active-filters" aria-label="Active filters">
      {!hasRange ? (
        <li>
          <Chip>time: last 30 days</Chip>
        </li>
      ) : null}
      {active.map((f, i) => (
        <li key={`${f.key}-${i}`}>
          <Chip tone="indigo" data-testid="filter-chip" title={`${f.key}=${f.value}`}>
            <span className="text-indigo-500">{LABEL[f.key]}:</span> {display(f.key, f.value)}
          </Chip>
        </li>
      ))}
    </ul>
  );
}
