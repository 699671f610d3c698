import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/time";
import type { Queue } from "./queues.server";

const DATE_VALUES = ["date", "next"];
/** Items that count something; the others name one case, plan or date in their text. */
const COUNTED = new Set([
  "routineNew",
  "routineInReview",
  "newCases",
  "replies",
  "answersOverdue",
  "answersDueThisWeek",
  "onAgenda",
  "summariesReleased",
  "casesPublished",
  "mailFailed",
  "usersWithoutRole",
]);

/** Each role's queue as a card: counts that link to the list they count, the most urgent first. */
export function WorkQueues({ queues }: { queues: Queue[] }) {
  const { t, i18n } = useTranslation();
  if (queues.length === 0) return null;
  return (
    <div className="card-grid card-grid--wide">
      {queues.map((queue) => {
        const headingId = `queue-${queue.role}-${queue.partnership ?? ""}`.replace(/[^a-zA-Z0-9-]/g, "-");
        return (
          <section key={headingId} className="card work-queue" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {t(`workQueue.titles.${queue.role}`)}
              {queue.partnership ? <span className="work-queue__scope">{queue.partnership}</span> : null}
            </h2>
            {queue.role === "auditor" ? (
              <AuditorShortcuts />
            ) : queue.items.length === 0 ? (
              <p className="muted">{t(`workQueue.empty.${queue.role}`)}</p>
            ) : (
              <ul className="work-queue__items">
                {queue.items.map((item) => {
                  const values = Object.fromEntries(
                    Object.entries(item.values ?? {}).map(([k, v]) => [
                      k,
                      DATE_VALUES.includes(k) ? formatDate(v, i18n.language) : v,
                    ]),
                  );
                  return (
                    <li key={item.href + item.key} className={item.urgent ? "work-queue__item--urgent" : undefined}>
                      <Link to={item.href}>
                        {COUNTED.has(item.key) ? <span className="big-number">{item.count}</span> : null}
                        {t(`workQueue.items.${item.key}` as never, { count: item.count, ...values }) as string}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function AuditorShortcuts() {
  const { t } = useTranslation();
  return (
    <>
      <p>{t("workQueue.auditorIntro")}</p>
      <ul className="work-queue__items">
        <li>
          <Link to="/audit">{t("workQueue.items.reviewLog")}</Link>
        </li>
      </ul>
      <Form method="post" action="/audit">
        <input type="hidden" name="intent" value="verify" />
        <button type="submit" className="button button--secondary">
          {t("workQueue.items.verifyChain")}
        </button>
      </Form>
    </>
  );
}
