import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("errors.notFoundTitle");

// Any path no other route claims: the 404 page, inside the layout.
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
