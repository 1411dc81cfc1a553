import { expect } from '@open-wc/testing';
import { atom } from './atom.ts';

describe('atom (the shared stores)', () => {
  it('tells its listeners of a change, once, with the new value; an equal value is no change', () => {
    const $tag = atom<string | null>(null);
    const heard: Array<string | null> = [];
    $tag.listen((v) => heard.push(v));
    $tag.set('kudos');
    $tag.set('kudos');
    $tag.set(null);
    expect(heard).to.deep.equal(['kudos', null]);
    expect($tag.get()).to.equal(null);
  });

  it('an unsubscribed listener hears nothing more, and unsubscribing twice is harmless', () => {
    const $n = atom(0);
    const heard: number[] = [];
    const off = $n.listen((v) => heard.push(v));
    $n.set(1);
    off();
    off();
    $n.set(2);
    expect(heard).to.deep.equal([1]);
  });

  it('a listener may unsubscribe itself or another while being called; everyone of that change still hears it', () => {
    const $n = atom(0);
    const heard: string[] = [];
    const offA: () => void = $n.listen((v) => {
      heard.push(`a${v}`);
      offA();
      offB();
    });
    const offB = $n.listen((v) => heard.push(`b${v}`));
    $n.set(1);
    $n.set(2);
    expect(heard).to.deep.equal(['a1', 'b1']);
  });

  it('the same function listening twice is two subscriptions, each released on its own', () => {
    const $n = atom(0);
    let calls = 0;
    const listener = () => void (calls += 1);
    const off1 = $n.listen(listener);
    $n.listen(listener);
    $n.set(1);
    off1();
    $n.set(2);
    expect(calls).to.equal(3);
  });
});
