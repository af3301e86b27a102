/**
 * How {@link org.nmt4j.translator.Translator} works inside: the {@link
 * org.nmt4j.translator.decode.TranslationModel} contract over a loaded model, and the runner that
 * batches sentences, drives the decoding strategies of {@code org.nmt4j.decoder.search}, and
 * restores input order.
 */
package org.nmt4j.translator.decode;
