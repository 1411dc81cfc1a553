/// <reference types="mocha" />
/**
 * The feed and moderation: reporting a post or a reply (keyboard only, as a person without a
 * mouse does it), hidden posts as others and as their author see them, and the composer under a
 * rate limit.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Me } from '@hearth/contracts';
import './define.ts';
import type { HearthFeed } from './hearth-feed.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { MockApi, type MockApiOptions, hiddenBy, makePost, rateLimited, samplePeople, useMockApi } from '../testing/mock-api.ts';
import { mockReports } from '../testing/mock-reports.ts';
import { buttons, dialogIn, escape, only, reportByKeyboard, text } from '../testing/report-helpers.ts';
import '../testing/mock-reports.ts';
// The directory, for the composer's "Post to" choice on a feed of the whole intranet.
import '../testing/mock-communities.ts';

const [mira, jonas, aisha, tom] = samplePeople as [Me, Me, Me, Me];
type Lit = HTMLElement & { updateComplete: Promise<unknown> };

async function loadedFeed(options: MockApiOptions, compose = false) {
  const api = useMockApi(new MockApi(options));
  const el = await fixture<HearthFeed>(html`<hearth-feed api=${api.api} token-url=${api.tokenUrl} ?compose=${compose}></hearth-feed>`);
  await waitUntil(() => !el.shadowRoot!.querySelector('.skeleton') && el.shadowRoot!.querySelector('hearth-feed-post article'), 'the feed never loaded');
  await Promise.all(posts(el).map((p) => p.updateComplete));
  if (compose) {
    await customElements.whenDefined('hearth-feed-composer');
    await waitUntil(() => el.shadowRoot!.querySelector('textarea'), 'no composer');
  }
  return { api, el, root: el.shadowRoot! };
}

const posts = (el: HearthFeed) => Array.from(el.shadowRoot!.querySelectorAll<HearthFeedPost>('hearth-feed-post'));
const postById = (root: ShadowRoot, id: number) => root.querySelector<HearthFeedPost>(`#post-${id}`)!.closest('hearth-feed-post')!;
describe('<hearth-feed> reporting and moderation', () => {
  afterEach(() => localStorage.clear());

  describe('Report', () => {
    it('offers Report on others’ posts, named after what it reports, and never on your own', async () => {
      const { root } = await loadedFeed({
        me: mira,
        posts: [makePost({ id: 1, author: jonas, body: 'Town hall on Thursday.' }), makePost({ id: 2, author: mira, body: 'My own post.', createdAt: '2025-03-03T08:00:00Z' })],
      });
      expect(buttons(postById(root, 1), 'Report Jonas Weber’s post').length).to.equal(1);
      expect(text(only(postById(root, 1), 'Report Jonas Weber’s post'))).to.equal('Report');
      expect(buttons(postById(root, 2), /^Report/)).to.deep.equal([]);
    });

    it('reports a post by keyboard alone, says thanks, and gives focus back to Report', async () => {
      const { api, root } = await loadedFeed({ me: mira, posts: [makePost({ id: 1, author: jonas, body: 'Buy cheap watches at example.com' })] });
      const post = postById(root, 1);
      const report = only(post, 'Report Jonas Weber’s post');
      const dialog = await reportByKeyboard(root, post.querySelector('article')!, report, 1);
      expect(text(dialog.querySelector('[role="status"]'))).to.equal('Thanks — a moderator will look at it.');
      expect(text(dialog.querySelector('h2'))).to.equal('Report Jonas Weber’s post');
      expect(mockReports(api)).to.deep.equal([{ kind: 'post', id: 1, reason: 'harassment', reporter: mira.id }]);
      // Close has focus; Enter closes, and focus is back where the person was.
      expect(root.activeElement === only(dialog, 'Close'), 'focus is on Close').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !root.querySelector('hearth-report-dialog'), 'the dialog stayed');
      expect(root.activeElement === report, 'focus is back on Report').to.equal(true);
    });

    it('reports a reply by keyboard alone, as a post with its own id', async () => {
      const parent = makePost({ id: 1, author: jonas, body: 'Which day suits your team?', replyCount: 1 });
      const reply = makePost({ id: 7, parentId: 1, author: aisha, body: 'Off-topic rant', createdAt: '2025-03-03T10:00:00Z' });
      const { api, root } = await loadedFeed({ me: mira, posts: [parent], replies: { 1: [reply] } });
      only(postById(root, 1), '1 reply').click();
      await waitUntil(() => root.querySelector('#post-7'), 'the reply never showed');
      const replyPost = postById(root, 7);
      await replyPost.updateComplete;
      const report = only(replyPost, 'Report Aisha Okafor’s reply');
      await reportByKeyboard(root, only(replyPost, 'Like'), report, 3);
      expect(mockReports(api)).to.deep.equal([{ kind: 'post', id: 7, reason: 'off_topic', reporter: mira.id }]);
    });

    it('Escape closes the dialog without sending, and focus goes back to Report', async () => {
      const { api, root } = await loadedFeed({ me: mira, posts: [makePost({ id: 1, author: jonas })] });
      const report = only(postById(root, 1), 'Report Jonas Weber’s post');
      report.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialogIn(root)?.open, 'the dialog did not open');
      await escape(root);
      expect(root.activeElement === report, 'focus is back on Report').to.equal(true);
      expect(api.calls('report')).to.deep.equal([]);
    });

    it('“Other” needs a note: it says so at the note and sends nothing until there is one', async () => {
      const { api, root } = await loadedFeed({ me: mira, posts: [makePost({ id: 1, author: jonas })] });
      only(postById(root, 1), 'Report Jonas Weber’s post').click();
      await waitUntil(() => dialogIn(root)?.open, 'the dialog did not open');
      const dialog = dialogIn(root)!;
      dialog.querySelector<HTMLInputElement>('input[value="other"]')!.click();
      only(dialog, 'Send report').click();
      const note = dialog.querySelector('textarea')!;
      await waitUntil(() => note.getAttribute('aria-invalid') === 'true', 'the note was not marked');
      expect(text(dialog.querySelector('#report-note-error'))).to.equal('Say in the note what is wrong.');
      expect(note.getAttribute('aria-describedby')).to.contain('report-note-error');
      expect(root.activeElement === note, 'focus goes to the note').to.equal(true);
      expect(api.calls('report')).to.deep.equal([]);

      note.value = 'Shares the customer list';
      note.dispatchEvent(new Event('input', { bubbles: true }));
      only(dialog, 'Send report').click();
      await waitUntil(() => dialog.querySelector('[role="status"]'), 'not sent');
      expect(mockReports(api)[0]).to.deep.include({ reason: 'other', note: 'Shares the customer list' });
    });

    it('without a reason it asks for one', async () => {
      const { api, root } = await loadedFeed({ me: mira, posts: [makePost({ id: 1, author: jonas })] });
      only(postById(root, 1), 'Report Jonas Weber’s post').click();
      await waitUntil(() => dialogIn(root)?.open);
      const dialog = dialogIn(root)!;
      only(dialog, 'Send report').click();
      await waitUntil(() => text(dialog.querySelector('#report-reason-error')) === 'Choose a reason.', 'no message');
      expect(api.calls('report')).to.deep.equal([]);
    });

    it('a second report of the same post (409) says it was already reported', async () => {
      const { root } = await loadedFeed({
        me: mira,
        posts: [makePost({ id: 1, author: jonas })],
        data: { reports: [{ kind: 'post', id: 1, reason: 'spam', reporter: mira.id }] },
      });
      const dialog = await reportByKeyboard(root, postById(root, 1).querySelector('article')!, only(postById(root, 1), 'Report Jonas Weber’s post'), 0);
      expect(text(dialog.querySelector('[role="status"]'))).to.equal('You have already reported this.');
    });

    it('a failure is said in the dialog, and the reason and note stay as chosen and typed', async () => {
      const { api, root } = await loadedFeed({
        me: mira,
        posts: [makePost({ id: 1, author: jonas })],
        fail: { report: { ...rateLimited(240), times: 1 } },
      });
      only(postById(root, 1), 'Report Jonas Weber’s post').click();
      await waitUntil(() => dialogIn(root)?.open);
      const dialog = dialogIn(root)!;
      dialog.querySelector<HTMLInputElement>('input[value="confidential"]')!.click();
      const note = dialog.querySelector('textarea')!;
      note.value = 'Salary figures  \nin the second paragraph';
      note.dispatchEvent(new Event('input', { bubbles: true }));
      only(dialog, 'Send report').click();
      await waitUntil(() => dialog.querySelector('.failed'), 'no failure said');
      expect(text(dialog.querySelector('[role="alert"]'))).to.equal(
        'The report was not sent: You are posting too fast. Try again in 4 minutes. What you chose and wrote is kept.',
      );
      expect(dialog.querySelector<HTMLInputElement>('input[value="confidential"]')!.checked).to.equal(true);
      expect(dialog.querySelector('textarea')!.value).to.equal('Salary figures  \nin the second paragraph');
      // Sent again, it goes through with what was kept.
      only(dialog, 'Send report').click();
      await waitUntil(() => dialog.querySelector('[role="status"]'));
      expect(mockReports(api)[0]).to.deep.include({ reason: 'confidential', note: 'Salary figures  \nin the second paragraph' });
    });
  });

  describe('hidden posts', () => {
    const hiddenPost = () =>
      makePost({ id: 1, author: jonas, body: 'Leaked: the Q3 numbers are…', hidden: hiddenBy('Shares confidential figures.'), replyCount: 1, likeCount: 3 });
    const reply = () => makePost({ id: 5, parentId: 1, author: aisha, body: 'Please take this down.', createdAt: '2025-03-03T10:00:00Z' });

    it('others see “Hidden by a moderator” in place of the text, no actions, and the replies still open', async () => {
      const { root } = await loadedFeed({ me: mira, posts: [hiddenPost()], replies: { 1: [reply()] } });
      const post = postById(root, 1);
      const article = post.querySelector('article')!;
      const body = article.querySelector(':scope > .body')!;
      expect(text(body)).to.equal('Hidden by a moderator');
      expect(text(article)).to.not.contain('Leaked');
      expect(text(article)).to.not.contain('Others cannot see it');
      expect(article.getAttribute('aria-describedby')).to.equal('post-1-body');
      // No Like, Reply or Report; only the way into its thread.
      const actions = Array.from(article.querySelectorAll(':scope > .actions button')).map((b) => text(b));
      expect(actions).to.deep.equal(['1 reply']);
      only(post, '1 reply').click();
      await waitUntil(() => root.querySelector('#post-5'), 'the replies did not open');
      expect(text(root.querySelector('#post-5 .body'))).to.equal('Please take this down.');
    });

    it('its author sees the text dimmed, under the reason and that others cannot see it', async () => {
      const { root } = await loadedFeed({ me: jonas, posts: [hiddenPost()] });
      const article = postById(root, 1).querySelector('article')!;
      const notice = article.querySelector('.hidden-notice')!;
      expect(text(notice)).to.equal('Hidden by a moderator: Shares confidential figures. Others cannot see it.');
      const body = article.querySelector(':scope > .body')!;
      expect(text(body)).to.equal('Leaked: the Q3 numbers are…');
      expect(body.classList.contains('hidden-body')).to.equal(true);
      expect(getComputedStyle(body).color).to.equal(getComputedStyle(article.querySelector('.when')!).color);
      expect(article.getAttribute('aria-describedby')).to.equal('post-1-hidden post-1-body');
      expect(buttons(article, /^Report/)).to.deep.equal([]);
    });

    it('a moderator sees the text and the reason too, with nothing to report', async () => {
      const { root } = await loadedFeed({ me: tom, posts: [hiddenPost()] });
      const article = postById(root, 1).querySelector('article')!;
      expect(text(article.querySelector('.hidden-notice'))).to.contain('Shares confidential figures');
      expect(text(article.querySelector(':scope > .body'))).to.equal('Leaked: the Q3 numbers are…');
      expect(buttons(article, /^Report/)).to.deep.equal([]);
    });

    it('the reason is text, never HTML', async () => {
      const post = makePost({ id: 1, author: jonas, body: 'x', hidden: hiddenBy('<img src=x onerror=alert(1)>') });
      const { root } = await loadedFeed({ me: jonas, posts: [post] });
      const notice = postById(root, 1).querySelector('.hidden-notice')!;
      expect(notice.querySelector('img')).to.equal(null);
      expect(text(notice)).to.contain('<img src=x onerror=alert(1)>');
    });
  });

  describe('rate limits', () => {
    it('the composer says when to try again, in the person’s language, and keeps the draft exactly as typed', async () => {
      const { api, el, root } = await loadedFeed({ me: mira, posts: [makePost({ id: 1 })], fail: { createPost: rateLimited(240, 1) } }, true);
      const area = root.querySelector('textarea')!;
      const draft = 'Three  spaces, a tab\there\nand a new line ';
      area.value = draft;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await (area.closest('hearth-feed-composer') as Lit).updateComplete;
      only(root, 'Post').click();
      await waitUntil(() => root.querySelector('.composer .message'), 'no message');
      expect(text(root.querySelector('.composer .message'))).to.equal('You are posting too fast. Try again in 4 minutes. Retry');
      expect(area.value).to.equal(draft);
      const stored = Object.entries(localStorage).find(([k]) => k.startsWith('hearth:draft:feed:'));
      expect(JSON.parse(stored![1]).body).to.equal(draft);
      // Later, Retry sends it once, with the same key.
      only(root, 'Retry').click();
      await waitUntil(() => posts(el).length === 2, 'the post never came');
      const keys = api.calls('createPost').map((r) => r.headers.get('idempotency-key'));
      expect(keys[1]).to.equal(keys[0]);
      expect(api.posts.find((p) => p.id !== 1)!.body).to.equal(draft);
    });

    it('the reply box says it in German', async () => {
      const api = useMockApi(new MockApi({ me: mira, posts: [makePost({ id: 1, author: jonas })], fail: { createReply: rateLimited(7200) } }));
      const el = await fixture<HearthFeed>(html`<hearth-feed lang="de" api=${api.api} token-url=${api.tokenUrl}></hearth-feed>`);
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('hearth-feed-post article') && !root.querySelector('.skeleton'), 'the feed never loaded');
      await postById(root, 1).updateComplete;
      only(postById(root, 1), 'Antworten').click();
      await waitUntil(() => root.querySelector('.reply-box textarea'), 'no reply box');
      const area = root.querySelector<HTMLTextAreaElement>('.reply-box textarea')!;
      area.value = 'Guter Punkt!';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await (area.closest('hearth-feed-composer') as Lit).updateComplete;
      only(root.querySelector('.reply-box')!, 'Senden').click();
      await waitUntil(() => root.querySelector('.reply-box .message'), 'no message');
      expect(text(root.querySelector('.reply-box .message'))).to.contain(
        'Sie veröffentlichen zu schnell. Versuchen Sie es in 2 Stunden erneut.',
      );
      expect(area.value).to.equal('Guter Punkt!');
    });
  });
});
