package io.rollcall.importing;

/** What an uploaded file was when it was received: its length and SHA-256 (hex), to check it against later. */
record StoredFile(long size, String sha256) {
}
