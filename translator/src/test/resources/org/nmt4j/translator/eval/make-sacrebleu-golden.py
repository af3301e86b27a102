"""Regenerates sacrebleu-golden.jsonl, the expected values of SacrebleuGoldenTest.

Run with sacreBLEU installed (the fixture was made with sacreBLEU 2.6.0 on Python 3.11):
    python make-sacrebleu-golden.py > sacrebleu-golden.jsonl
The inputs are synthetic: random mixtures of words, ASCII punctuation, numbers, SGML entities,
Unicode whitespace, Greek capitals, combining marks and astral characters, chosen to exercise
every rule of tokenizer 13a and the Python string semantics the metrics rely on.
"""
import json
import random

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

random.seed(20240501)
POOL = (list("abcdeABCDE0123456789.,-'\"&;:!?()[]{}<>/\\@#$%^*_=+`~|") + [" "] * 8
        + ["&amp;", "&lt;", "&gt;", "&quot;", "&amp;lt;", "<skipped>", "-\n", "\n", "\u00a0", "\u2009",
           "\u0085", "\u3000", "\t", "\r", "\x1c", "ß", "İ", "ΟΔΟΣ", "ΣΑΣ1", "ς", "é", "e\u0301", "😀",
           "𝔘", "中文", "ﬃ", "ǅ", "\u200b", "\ufeff", "1.5", "1,000", "3-4", "a.b", ".5", ",x", "x,", "5."])
WORDS = ["the", "dog", "bit", "man", "Der", "Hund", "biss", "den", "Mann", "It's", "wasn't", "U.S.",
         "e-mail", "3.14", "10,000", "1-2", "(hi)", "end."]


def segment(max_parts):
    parts = []
    for _ in range(random.randint(0, max_parts)):
        parts.append(random.choice(WORDS) if random.random() < 0.5 else random.choice(POOL))
        if random.random() < 0.5:
            parts.append(" ")
    return "".join(parts)


def f10(x):
    return f"{x:.10f}"


tok = Tokenizer13a()
bleu = BLEU(effective_order=True)
bleu_lc_none = BLEU(lowercase=True, tokenize="none", effective_order=True)
chrf = CHRF()
chrf_pp = CHRF(word_order=2, eps_smoothing=True, lowercase=True)
chrf_ws = CHRF(whitespace=True, beta=3)

hyps, refs1, refs2 = [], [], []
for _ in range(150):
    hyp = segment(20)
    ref1 = segment(20) if random.random() < 0.6 else hyp[: len(hyp) // 2] + segment(8)
    ref2 = segment(20)
    hyps.append(hyp)
    refs1.append(ref1)
    refs2.append(ref2)
    refs = [ref1, ref2]
    case = {
        "kind": "sentence",
        "hyp": hyp,
        "refs": refs,
        "tok13a": tok(hyp),
        "bleu": str(bleu.sentence_score(hyp, refs)),
        "bleuLowercaseNone": f10(bleu_lc_none.sentence_score(hyp, refs).score),
        "chrf": f10(chrf.sentence_score(hyp, refs).score),
        "chrfPlusPlusLowercaseEps": f10(chrf_pp.sentence_score(hyp, refs).score),
        "chrfWhitespaceBeta3": f10(chrf_ws.sentence_score(hyp, refs).score),
    }
    print(json.dumps(case))

for streams, name in (([refs1], "oneRef"), ([refs1, refs2], "twoRefs")):
    print(json.dumps({
        "kind": "corpus",
        "name": name,
        "bleu": str(BLEU().corpus_score(hyps, streams)),
        "bleuLowercaseNone": str(BLEU(lowercase=True, tokenize="none").corpus_score(hyps, streams)),
        "chrf": str(CHRF().corpus_score(hyps, streams)),
        "chrfScore": f10(CHRF().corpus_score(hyps, streams).score),
        "chrfPlusPlusLowercaseEps": str(chrf_pp.corpus_score(hyps, streams)),
        "chrfWhitespaceBeta3": str(chrf_ws.corpus_score(hyps, streams)),
    }))
print(json.dumps({"kind": "version", "sacrebleu": sacrebleu.__version__}))
