// What a dashboard page shows for an app id in its URL that the user cannot open (unknown, or another
// tenant's: the two look the same, so an id reveals nothing), with a link to the app they can open.
import { EmptyState } from "@/components/ui/feedback";

export function NoAppAccess({ requested, app, page }: { requested: string; app: { id: string; name: string }; page: string }) {
  return (
    <EmptyState title={`No access to app “${requested}”`}>
      It does not exist or belongs to a tenant you are not a member of.{" "}
      <a className="text-indigo-700 underline" href={`${page}?appId=${encodeURIComponent(app.id)}`}>
        Open {app.name}
      </a>
    </EmptyState>
  );
}
