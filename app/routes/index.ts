import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser, startPathFor } from "~/features/auth/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return redirect(user ? startPathFor(user) : "/login");
}
