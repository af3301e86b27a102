/**
 * Small file helpers the tokenization files share: atomic UTF-8 writes ({@link
 * org.nmt4j.tokenization.io.AtomicFiles}) and strict UTF-8 line reading that reports the line of
 * a bad byte ({@link org.nmt4j.tokenization.io.Utf8Lines}).
 */
package org.nmt4j.tokenization.io;
