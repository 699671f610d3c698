// The convening form's first step: find colleagues to invite. A GET form, so it works without
// JavaScript; the invitees chosen so far travel with every search as hidden fields, and adding
// one is a button that submits the same form.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ConvenePage, StaffOption } from "./meeting-types";

export const SEARCH_FORM_ID = "invitee-search";

function StaffHit({ s }: { s: StaffOption }) {
  const { t } = useTranslation();
  return (
    <li className="invitee-hit">
      <span className="invitee-hit__who">
        <strong>{s.name}</strong>, {s.organisationName}
        {!s.covered ? (
          <>
            {" "}
            <span className="badge badge--warning">{t("meetings.notCovered")}</span>
          </>
        ) : null}
      </span>
      {s.covered ? (
        <button type="submit" name="add" value={s.id} className="button button--secondary button--small">
          {t("meetings.search.add")}
          <span className="visually-hidden"> {s.name}</span>
        </button>
      ) : (
        <span className="muted invitee-hit__note">
          {t("meetings.search.notCoveredNote", { organisation: s.organisationName })}
        </span>
      )}
    </li>
  );
}

export function InviteeSearch({ page }: { page: ConvenePage }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="invitee-search-heading">
      <h2 id="invitee-search-heading">{t("meetings.search.heading")}</h2>
      <p className="field__help">{t("meetings.search.help")}</p>
      <Form method="get" id={SEARCH_FORM_ID} className="stack" preventScrollReset>
        <input type="hidden" name="picked" value="1" />
        {page.chosen.map((s) => (
          <input key={s.id} type="hidden" name="invite" value={s.id} />
        ))}
        {page.suggestions.length > 0 ? (
          <div>
            <h3>{t("meetings.search.suggestions")}</h3>
            <ul className="invitee-hits">
              {page.suggestions.map((s) => (
                <StaffHit key={s.id} s={s} />
              ))}
            </ul>
          </div>
        ) : null}
        <div className="field" role="search">
          <label htmlFor="invitee-q">{t("meetings.search.label")}</label>
          <p id="invitee-q-help" className="field__help">
            {t("meetings.search.labelHelp")}
          </p>
          <div className="search-row">
            <input
              id="invitee-q"
              type="search"
              name="q"
              defaultValue={page.q}
              autoComplete="off"
              aria-describedby="invitee-q-help"
            />
            <button type="submit" className="button button--secondary">
              {t("meetings.search.submit")}
            </button>
          </div>
        </div>
        {page.q ? (
          <div aria-live="polite">
            <h3>{t("meetings.search.results", { q: page.q })}</h3>
            {page.hits.length === 0 ? (
              <p className="muted">{page.q.length < 2 ? t("meetings.search.tooShort") : t("meetings.search.none")}</p>
            ) : (
              <ul className="invitee-hits">
                {page.hits.map((s) => (
                  <StaffHit key={s.id} s={s} />
                ))}
              </ul>
            )}
            {page.more ? <p className="field__help">{t("meetings.search.more")}</p> : null}
          </div>
        ) : null}
      </Form>
    </section>
  );
}
