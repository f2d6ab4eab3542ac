/**
 * A list item at the start of a line of article text: its indent, then a bullet (`-`, `*`, `•`, `o`), a
 * number (`1.`, `2)`) or a letter (`a.`, `b)`), then white space. One reading for the quoted-line reader and
 * the article page's lists; the match's length is where the item's text starts.
 */
export const LIST_ITEM = /^(\s*)(?:[-*\u2022o]|\d{1,2}[.)]|[a-z][.)])\s+/;
