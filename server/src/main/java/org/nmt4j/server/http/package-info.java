/**
 * The HTTP side of the server: request parsing and limits ({@link
 * org.nmt4j.server.http.TranslateRequestParser}), the translate endpoint ({@link
 * org.nmt4j.server.http.TranslateHandler}), JSON error answers ({@link
 * org.nmt4j.server.http.ApiError}), and the static web page and OpenAPI document ({@link
 * org.nmt4j.server.http.StaticResources}).
 */
package org.nmt4j.server.http;
