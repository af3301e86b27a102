package org.nmt4j.tokenization;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nmt4j.tokenization.bpe.BpeCodec;
import org.nmt4j.tokenization.bpe.BpeMerges;

/**
 * The text side of a translation model: raw sentence to model tokens and back. Encoding runs the
 * {@link Tokenizer} (which lowercases and NFKC-normalises when its {@link TokenizerSpec} says so)
 * and then, optionally, BPE; decoding undoes BPE and detokenizes. Immutable and thread-safe.
 */
public final class TextPipeline {

    private final Tokenizer tokenizer;
    private final BpeCodec bpe;

    /**
     * @param tokenizer the tokenizer
     * @param bpe the BPE codec, or null for whole tokens
     */
    public TextPipeline(Tokenizer tokenizer, BpeCodec bpe) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.bpe = bpe;
    }

    /**
     * @param spec the tokenizer spec (it carries lowercasing and NFKC)
     * @param merges BPE merges, or null for none
     * @return the pipeline
     */
    public static TextPipeline of(TokenizerSpec spec, BpeMerges merges) {
        return new TextPipeline(Tokenizers.create(spec), merges == null ? null : new BpeCodec(merges));
    }

    /**
     * @param text one sentence
     * @return the tokens a model reads or writes, subwords when BPE is on
     */
    public List<String> encode(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        return bpe == null ? tokens : bpe.encode(tokens);
    }

    /**
     * @param modelTokens tokens as a model emits them, without special tokens
     * @return natural text
     */
    public String decode(List<String> modelTokens) {
        return tokenizer.detokenize(bpe == null ? modelTokens : bpe.decode(modelTokens));
    }

    /** @return the tokenizer */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the BPE codec, if any */
    public Optional<BpeCodec> bpe() {
        return Optional.ofNullable(bpe);
    }

    @Override
    public String toString() {
        return "TextPipeline[" + tokenizer.spec() + (bpe == null ? "" : ", bpe " + bpe.merges().size() + " merges") + "]";
    }
}
