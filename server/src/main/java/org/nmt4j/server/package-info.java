/**
 * The nmt4j HTTP translation server: {@link org.nmt4j.server.TranslationServer} (start it on
 * {@link org.nmt4j.translator.Translator}s from code or with {@code nmt4j serve}), its validated
 * {@link org.nmt4j.server.ServerConfig}, and the {@link org.nmt4j.server.ServedModels} it
 * translates with.
 */
package org.nmt4j.server;
