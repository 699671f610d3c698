import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/features/auth/auth.server";
import { startPathFor } from "~/features/access/policy";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return redirect(user ? startPathFor(user) : "/login");
}
