// The first lines of every document's <head>, the app's pages and the sign-in page alike: the
// character set, a phone's viewport, light and dark colours, the title with the product's name
// after it, and the icon. One copy, so no page misses one (without the viewport a phone shows
// the desktop layout shrunk; without color-scheme a dark page flashes white as it loads).

/** The product's name, the same in every language. */
export const PRODUCT = "KVM Manager";

export function HeadBasics({ title }: { title: string }) {
  return (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>{`${title} · ${PRODUCT}`}</title>
      <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
    </>
  );
}
