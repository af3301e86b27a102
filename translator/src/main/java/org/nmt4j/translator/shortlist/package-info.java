/**
 * Lexical shortlists (as Marian's {@code --shortlist}): which target tokens decoding computes
 * the output layer for, per batch. {@link org.nmt4j.translator.shortlist.ShortlistBuilder}
 * learns lexical probabilities with {@link org.nmt4j.translator.shortlist.IbmModel1} from a
 * parallel corpus, {@link org.nmt4j.translator.shortlist.ShortlistFile} stores them by token,
 * and {@link org.nmt4j.translator.shortlist.Shortlist} gives each batch its target ids.
 */
package org.nmt4j.translator.shortlist;
