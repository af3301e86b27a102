/**
 * Byte-pair-encoding subwords (Sennrich et al., 2016): {@link
 * org.nmt4j.tokenization.bpe.BpeLearner} learns merges from word counts, jointly over both
 * languages or per side; {@link org.nmt4j.tokenization.bpe.BpeMerges} holds them and reads and
 * writes subword-nmt's plain-text merges file; {@link org.nmt4j.tokenization.bpe.BpeCodec}
 * applies them and undoes them, marking non-final subwords with a trailing {@code @@}.
 *
 * <p>Hand-written: no maintained JVM library learns BPE (DJL's SentencePiece and Hugging Face
 * tokenizer bindings only load trained models; JTokkit only encodes). Learning 10,000 joint
 * merges on Multi30k train de+en (29,457 word types after the Lucene tokenizer) takes about half
 * a second on a busy 2-core machine.
 */
package org.nmt4j.tokenization.bpe;
