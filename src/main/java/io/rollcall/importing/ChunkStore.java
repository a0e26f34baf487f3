package io.rollcall.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps uploaded files in the database in 1 MiB chunks, so that any instance can process them and
 * none holds a whole file in memory.
 */
@Component
class ChunkStore {

    static final int CHUNK_SIZE = 1024 * 1024;

    private final JdbcClient jdbc;

    ChunkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(String importId, Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            int seq = 0;
            byte[] chunk;
            while ((chunk = in.readNBytes(CHUNK_SIZE)).length > 0) {
                jdbc.sql("insert into import_file_chunk (import_id, seq, data) values (:id, :seq, :data)")
                    .param("id", importId).param("seq", seq++).param("data", chunk).update();
            }
        }
    }

    /** The stored file from its first byte; each chunk is fetched when the reader reaches it. */
    InputStream open(String importId) {
        return new InputStream() {
            private int seq;
            private byte[] chunk = new byte[0];
            private int position;
            private boolean end;

            @Override
            public int read() throws IOException {
                var one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                while (position == chunk.length) {
                    if (end || !fetch()) {
                        end = true;
                        return -1;
                    }
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, buffer, offset, n);
                position += n;
                return n;
            }

            private boolean fetch() {
                var next = jdbc.sql("select data from import_file_chunk where import_id = :id and seq = :seq")
                    .param("id", importId).param("seq", seq).query((rs, n) -> rs.getBytes(1)).optional();
                if (next.isEmpty()) {
                    return false;
                }
                seq++;
                chunk = next.get();
                position = 0;
                return true;
            }
        };
    }
}
