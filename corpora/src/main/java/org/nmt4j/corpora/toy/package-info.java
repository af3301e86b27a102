/**
 * Generated toy corpora for tests and the quickstart: {@code copy} and {@code reverse} of random
 * token strings, and numbers written as English and French words ({@code numbers-en-fr}, {@code
 * numbers-fr-en}). {@link org.nmt4j.corpora.toy.ToyCorpusGenerator} writes them as {@code
 * train/valid/test .src/.tgt} files; the spellers {@link
 * org.nmt4j.corpora.toy.EnglishNumberSpeller} and {@link org.nmt4j.corpora.toy.FrenchNumberSpeller}
 * are usable on their own.
 */
package org.nmt4j.corpora.toy;
