/**
 * A small Java client of the server's JSON API on {@code java.net.http} ({@link
 * org.nmt4j.server.client.NmtClient}); it needs nothing from nmt4j but Jackson.
 */
package org.nmt4j.server.client;
