// A user guide as a page of the program (/help/NAME): the guides' list beside it, the guide's
// HTML (lib/help/render.ts) in an article. Server-rendered; no script.

import { t } from "../shared/i18n/t.ts";

export interface GuideLink {
  name: string;
  title: string;
}

interface Props {
  guides: GuideLink[];
  /** The page shown; null on the index. */
  current: string | null;
  /** The guide's HTML, made from the shipped Markdown with raw HTML escaped. */
  html: string | null;
}

export function HelpPage({ guides, current, html }: Props) {
  return (
    <div class="help">
      <nav class="help-nav card" aria-label={t("Guides")}>
        {/* The guides are written in English only: the browser and screen readers are told so. */}
        <ul lang="en">
          {guides.map((g) => (
            <li key={g.name}>
              <a href={`/help/${g.name}`} aria-current={g.name === current ? "page" : undefined}>
                {g.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {html === null
        ? (
          <section class="help-body card">
            <h1>{t("Help")}</h1>
            <p>
              {t(
                "The guides shipped with this version of KVM Manager, in English: the same words as its repository, read here without a network.",
              )}
            </p>
          </section>
        )
        : (
          <article
            class="help-body card"
            lang="en"
            dangerouslySetInnerHTML={{ __html: html }}
          />
        )}
    </div>
  );
}
