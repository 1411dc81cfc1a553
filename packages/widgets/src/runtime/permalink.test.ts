/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { fillTemplate, hearthPermalink, matchTemplate, permalink } from './permalink.ts';

const at = (href: string) => ({ href });

describe('permalinks', () => {
  describe('fillTemplate', () => {
    it('fills {id}, {kind} and {parentId}, URL-encoding each value', () => {
      expect(fillTemplate('/social?post={id}', { id: 123 })).to.equal('/social?post=123');
      expect(fillTemplate('/s?{kind}={id}&in={parentId}', { id: 7, kind: 'reply', parentId: 3 })).to.equal('/s?reply=7&in=3');
      expect(fillTemplate('/s/{kind}/{id}', { id: 'a b/c' })).to.equal('/s/post/a%20b%2Fc');
    });

    it('leaves {parentId} and placeholders the item does not name empty, and fills extra ones it names', () => {
      expect(fillTemplate('/s?post={id}&parent={parentId}', { id: 5, parentId: null })).to.equal('/s?post=5&parent=');
      expect(fillTemplate('/c/{community}/{id}{nothing}', { id: 5, community: 'eng' })).to.equal('/c/eng/5');
      expect(fillTemplate('/x/{constructor}', { id: 1 })).to.equal('/x/');
    });
  });

  describe('matchTemplate', () => {
    it('reads the id from the query parameter the template names, on the page it names', () => {
      expect(matchTemplate('/social?post={id}', at('https://intranet.example/social?post=123'))).to.deep.include({ id: '123', kind: null, parentId: null });
      expect(matchTemplate('/social?post={id}', at('https://intranet.example/social?tab=x&post=9#top'))?.id).to.equal('9');
    });

    it('names nothing on another page, without the parameter, or with other fixed values', () => {
      expect(matchTemplate('/social?post={id}', at('https://intranet.example/social'))).to.equal(null);
      expect(matchTemplate('/social?post={id}', at('https://intranet.example/news?post=1'))).to.equal(null);
      expect(matchTemplate('/social?post={id}', at('https://intranet.example/social?post='))).to.equal(null);
      expect(matchTemplate('/social?view=post&post={id}', at('https://intranet.example/social?view=list&post=1'))).to.equal(null);
      expect(matchTemplate('https://other.example/social?post={id}', at('https://intranet.example/social?post=1'))).to.equal(null);
      expect(matchTemplate('/social', at('https://intranet.example/social'))).to.equal(null);
    });

    it('reads ids in the path and the hash, relative templates included, and every placeholder', () => {
      expect(matchTemplate('/posts/{id}', at('https://i.example/posts/42'))?.id).to.equal('42');
      expect(matchTemplate('/posts/{id}', at('https://i.example/posts/42/more'))).to.equal(null);
      expect(matchTemplate('social?post={id}', at('https://i.example/intranet/social?post=4'))?.id).to.equal('4');
      expect(matchTemplate('#/{kind}/{id}', at('https://i.example/app#/reply/8'))).to.deep.include({ id: '8', kind: 'reply' });
      expect(matchTemplate('/s?{kind}={id}', at('https://i.example/s?post=1'))).to.equal(null);
      expect(matchTemplate('/s?k={kind}&p={parentId}&id={id}', at('https://i.example/s?k=reply&p=3&id=7'))).to.deep.include({ id: '7', kind: 'reply', parentId: '3' });
    });

    it('reads back what fillTemplate wrote', () => {
      const template = '/social/{kind}?post={id}&parent={parentId}';
      const href = new URL(fillTemplate(template, { id: 77, kind: 'reply', parentId: 12 }), 'https://i.example/').href;
      expect(matchTemplate(template, at(href))).to.deep.include({ id: '77', kind: 'reply', parentId: '12' });
    });
  });

  describe("Hearth's own pages", () => {
    it('a post opens at /embed/post/{id}, a reply at its post with ?reply=', () => {
      expect(hearthPermalink('https://hearth.example/api/v1/', { id: 5 })).to.equal('https://hearth.example/embed/post/5');
      expect(hearthPermalink('https://hearth.example/api/v1/', { id: 9, parentId: 5 })).to.equal('https://hearth.example/embed/post/5?reply=9');
      expect(hearthPermalink('https://x.example/hearth/api/v1/', { id: 5 })).to.equal('https://x.example/hearth/embed/post/5');
    });

    it('permalink uses the template when there is one', () => {
      expect(permalink('/social?post={id}', 'https://hearth.example/api/v1/', { id: 5 })).to.equal('/social?post=5');
      expect(permalink(null, 'https://hearth.example/api/v1/', { id: 5 })).to.equal('https://hearth.example/embed/post/5');
    });
  });
});
