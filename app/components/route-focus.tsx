// After a client-side navigation, focus moves to the new page's h1 so a screen reader reads
// where the user arrived (without JavaScript the browser loads a whole page and does this
// itself). Not on the first load, and not when only the query string changes (a search or a
// filter keeps the user where they were).
import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

export function RouteFocus() {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    if (from === null || from === pathname) return;
    const heading = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}
