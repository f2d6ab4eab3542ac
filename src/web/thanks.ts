/**
 * The `?thanks=` a feedback form redirects back with. Only an article id is accepted, so a link author
 * cannot put words of their own in the page's "Thank you: your answer on ... was recorded".
 */
const ARTICLE_ID = /^Q\d{1,7}$/;

export function thanksArticle(value: unknown): string | undefined {
  return typeof value === 'string' && ARTICLE_ID.test(value) ? value : undefined;
}
