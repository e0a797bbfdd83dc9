import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, headingAnchor } from './markdown-links.js';
import { markdownPages, repositoryRoot } from './repository.js';

describe('documentation links', () => {
  it('derives heading anchors as GitHub does', () => {
    expect(headingAnchor('The two time axes')).toBe('the-two-time-axes');
    expect(headingAnchor('`explain(ledger, code, options?): Explanation`')).toBe(
      'explainledger-code-options-explanation',
    );
    expect([...anchorsOf('# A\n## B\n```\n# not a heading\n```\n## B\n')]).toEqual(['a', 'b', 'b-1']);
  });

  it('every relative link in README.md, docs/ and the package READMEs resolves, anchors included', () => {
    const broken = markdownPages().flatMap((page) => brokenLinks(repositoryRoot, page));
    expect(broken.map((b) => `${b.page}:${b.line}: ${b.target} (${b.reason})`)).toEqual([]);
  });
});
