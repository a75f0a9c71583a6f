/**
 * The cause library in the page: every article, with the problems that link
 * to it, rendered from the article data. Links are in-page anchors
 * (#causes/<id>), so reading one never stops the camera.
 */
import { PROBLEM_IDS, PROBLEMS } from '../../core/alerts/problems';
import {
  ARTICLES,
  ARTICLE_IDS,
  DISCLAIMER,
  type Article,
  type Visibility,
} from '../../core/articles/articles';
import { PROBLEM_ARTICLES, articleHref } from '../../core/alerts/problem-articles';

const VISIBILITY: Record<Visibility, string> = {
  yes: 'The camera can see this',
  indirectly: 'The camera sees this only indirectly',
  partly: 'The camera sees part of this',
  no: 'The camera cannot see this',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function list(items: readonly string[]): HTMLUListElement {
  const ul = el('ul');
  for (const item of items) ul.append(el('li', item));
  return ul;
}

function render(a: Article): HTMLElement {
  const article = el('article');
  article.id = `article-${a.id}`;
  article.tabIndex = -1;
  article.append(el('h3', a.title));
  if (a.visibility) article.append(el('p', VISIBILITY[a.visibility], `visibility ${a.visibility}`));
  const problems = PROBLEM_IDS.filter((p) => PROBLEM_ARTICLES[p].includes(a.id));
  if (problems.length > 0)
    article.append(
      el(
        'p',
        `Alerts that lead here: ${problems.map((p) => PROBLEMS[p].label.toLowerCase()).join(', ')}.`,
        'problems',
      ),
    );
  article.append(el('p', a.summary, 'summary'));
  article.append(el('h4', 'Why it strains the upper back'), list(a.why));
  article.append(el('h4', 'How knotless notices it'), el('p', a.detect));
  article.append(el('h4', 'What to do'), list(a.todo));
  if (a.related.length > 0) {
    const p = el('p', 'Read next: ', 'related');
    a.related.forEach((id, i) => {
      const link = el('a', ARTICLES[id].title);
      link.href = articleHref(id);
      p.append(...(i > 0 ? [', '] : []), link);
    });
    article.append(p);
  }
  return article;
}

export function buildArticles(section: HTMLElement): void {
  const toc = el('ul', undefined, 'toc');
  for (const id of ARTICLE_IDS) {
    const li = el('li');
    const link = el('a', ARTICLES[id].title);
    link.href = articleHref(id);
    li.append(link);
    toc.append(li);
  }
  section.append(el('p', DISCLAIMER, 'disclaimer'), toc, ...ARTICLE_IDS.map((id) => render(ARTICLES[id])));
}
