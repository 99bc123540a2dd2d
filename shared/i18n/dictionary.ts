// One language's sentences: the English sentence as key, the translation as value. Apart from
// translator.ts so the catalogues need not import it (it reaches t.ts, which loads English).

export type Dictionary = Record<string, string>;
