#!/usr/bin/env python3
"""Quote error analysis on a PolNeAR-style gold set (study sets only:
polnear-train; dev is for measuring).

usage: scripts/quotes-errors.py GOLD.jsonl RECORDS.jsonl [--kind fn|fp|spk|all] [--n N] [--seed S]

Matches records to gold as eval/score.py does (IoU >= 0.5, greedy one to
one), then counts error classes and prints N random samples of each with
their context:
  fn-none / fn-partial     gold speech missed (no overlap / overlap < 0.5),
                           -quoted or -plain, and whether the record lies
                           inside the gold span, covers it or crosses it;
  fp-none / fp-partial     records matching no attribution; -split marks a
                           piece of an interrupted quotation the gold joins;
  spk-nospan / spk-wrong   matched spans whose speaker is missing or wrong.
Needs score.py: $DATELINE_SHARED/eval (default ../shared next to the repo)."""
import json, os, sys, random, re, collections
_repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.environ.get('DATELINE_SHARED', os.path.join(_repo, '..', 'shared')), 'eval'))
from score import iou, match, speaker_of, norm, overlaps  # noqa: E402

def load(p):
    return [json.loads(l) for l in open(p) if l.strip()]

def ctx(text, span, w=120):
    a, b = span
    return (text[max(0, a-w):a] + '⟦' + text[a:b] + '⟧' + text[b:b+w]).replace('\n', '⏎')

def main():
    args = sys.argv[1:]
    gold = load(args[0]); preds = {r['id']: r for r in load(args[1])}
    kind = 'all'; n = 15; seed = 1
    if '--kind' in args: kind = args[args.index('--kind')+1]
    if '--n' in args: n = int(args[args.index('--n')+1])
    if '--seed' in args: seed = int(args[args.index('--seed')+1])
    fn, fp, spk = [], [], []
    cls = collections.Counter()
    for g in gold:
        p = preds.get(g['id'], {}); text = g['text']
        gq = g['quotes']; pq = p.get('quotes', [])
        speech = [q for q in gq if q.get('speech')]
        ok = lambda a, b: iou(a['span'], b['span']) if iou(a['span'], b['span']) >= 0.5 else 0
        m_all = match(gq, pq, ok); m_sp = match(speech, pq, ok)
        mp = {pi for _, pi in m_all}; mg = {gi for gi, _ in m_sp}
        for gi, q in enumerate(speech):
            if gi in mg: continue
            best = max(pq, key=lambda x: iou(x['span'], q['span']), default=None)
            bi = iou(best['span'], q['span']) if best else 0
            c = 'fn-none' if bi == 0 else 'fn-partial'
            # is it a direct quote?
            s = text[q['span'][0]:q['span'][1]]
            quoted = any(ch in text[max(0,q['span'][0]-1):q['span'][0]+1] for ch in '“"‘\'')
            c += '-quoted' if quoted else '-plain'
            if bi > 0:
                ps = best['span']; gs = q['span']
                if gs[0] <= ps[0] and ps[1] <= gs[1]: c += '-predinside'
                elif ps[0] <= gs[0] and gs[1] <= ps[1]: c += '-predcovers'
                else: c += '-cross'
            cls[c] += 1
            fn.append((c, g, q, best))
        for pi, q in enumerate(pq):
            if pi in mp: continue
            best = max(gq, key=lambda x: iou(x['span'], q['span']), default=None)
            bi = iou(best['span'], q['span']) if best else 0
            c = 'fp-none' if bi == 0 else 'fp-partial'
            c += '-' + q.get('kind', '?')
            if bi > 0:
                gs = best['span']; inside = gs[0] <= q['span'][0] and q['span'][1] <= gs[1]
                others = [x for x in pq if x is not q and x.get('kind') == 'direct' and gs[0] <= x['span'][0] and x['span'][1] <= gs[1]]
                if inside and q.get('kind') == 'direct' and others: c += '-split'
                elif inside: c += '-inside'
                elif q['span'][0] <= gs[0] and gs[1] <= q['span'][1]: c += '-covers'
                else: c += '-cross'
            cls[c] += 1
            fp.append((c, g, q, best))
        for gi, pi in m_sp:
            gqq, pqq = speech[gi], pq[pi]
            if gqq.get('speaker_span') is None and gqq.get('speaker') is None:
                good = not speaker_of(p, pqq)
            elif overlaps(pqq.get('speaker_span'), gqq.get('speaker_span')):
                good = True
            else:
                name = norm(speaker_of(p, pqq) or ''); want = norm(gqq.get('speaker') or gqq.get('speaker_text') or '')
                good = bool(name) and bool(want) and (name == want or name.endswith(' ' + want) or want.endswith(' ' + name))
            if not good:
                c = 'spk-' + ('nospan' if not pqq.get('speaker_span') else 'wrong') + '-' + pqq.get('kind', '?')
                cls[c] += 1
                spk.append((c, g, gqq, pqq))
    for k, v in sorted(cls.items()): print(f'{k:28} {v}')
    random.seed(seed)
    def show(items, label):
        print(f'\n===== {label} ({len(items)})')
        for c, g, q, other in random.sample(items, min(n, len(items))):
            t = g['text']
            print(f'--- {c} [{g["id"]}]')
            print('  GOLD:' if label != 'fp' else '  PRED:', ctx(t, q['span']))
            if label == 'fn':
                print('  gold spk:', q.get('speaker_text'), '| cue:', t[q['cue_span'][0]:q['cue_span'][1]] if q.get('cue_span') else None)
            if other and label in ('fn', 'fp'):
                print('  nearest:', t[other['span'][0]:other['span'][1]][:200].replace('\n','⏎'), '| speech' if other.get('speech') else '')
            if label == 'spk':
                print('  gold spk:', q.get('speaker_text'), q.get('speaker'), '| pred spk:', t[other['speaker_span'][0]:other['speaker_span'][1]] if other.get('speaker_span') else None, other.get('speaker_name'))
    if kind in ('fn', 'all'): show(fn, 'fn')
    if kind in ('fp', 'all'): show(fp, 'fp')
    if kind in ('spk', 'all'): show(spk, 'spk')

main()
