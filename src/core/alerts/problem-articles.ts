/**
 * Which articles each detected problem feeds: the first is the one its alert
 * links to, the rest are shown beside it. Data, checked by tests: every
 * problem has at least one article, every id is an article.
 */
import type { ProblemId } from './problems';
import { ARTICLES, type Article, type ArticleId } from '../articles/articles';

export const PROBLEM_ARTICLES: Readonly<Record<ProblemId, readonly ArticleId[]>> = Object.freeze({
  forwardHead: ['posture', 'weak-back'],
  roundedShoulders: ['posture', 'weak-back'],
  tilt: ['tilt-rotation'],
  twist: ['tilt-rotation'],
  tooClose: ['posture'],
  frozen: ['one-position'],
  sittingTooLong: ['too-much-sitting', 'one-position'],
});

/** The article an alert for `problem` links to. */
export function primaryArticle(problem: ProblemId): Article {
  const id = PROBLEM_ARTICLES[problem][0];
  if (!id) throw new Error(`no article for ${problem}`);
  return ARTICLES[id];
}

/** Where an article lives in the page. */
export const articleHref = (id: ArticleId): string => `#causes/${id}`;
