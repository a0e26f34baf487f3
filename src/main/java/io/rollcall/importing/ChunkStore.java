package io.rollcall.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.rollcall.importing.parse.IncompleteFile;
import io.rollcall.secret.Secrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps uploaded files in the database in 1 MiB chunks, so that any instance can process them and
 * neither an instance nor the database holds a whole file in memory.
 */
@Component
class ChunkStore {

    static final int CHUNK_SIZE = 1024 * 1024;

    private final JdbcClient jdbc;

    ChunkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the file, each chunk in a statement of its own (outside a transaction, each commits as it
     * is written): one transaction holding a whole file is what exhausts the embedded H2 database's
     * memory. The job stays RECEIVING, unseen by workers, until the caller queues it.
     */
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

    /**
     * The stored file from its first byte; each chunk is fetched when the reader reaches it. Before
     * it reports the end, the stream checks that every chunk was there, whole, and that the bytes
     * are the ones uploaded (length and SHA-256 as recorded on the job): otherwise the read fails
     * with {@link IncompleteFile}.
     */
    InputStream open(ImportJob job) {
        return new InputStream() {
            private final MessageDigest digest = Secrets.sha256();
            private int seq;
            private long read;
            private byte[] chunk = new byte[0];
            private int position;
            private boolean end;

            @Override
            public int read() throws IOException {
                var one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
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

            private boolean fetch() throws IOException {
                var next = jdbc.sql("select data from import_file_chunk where import_id = :id and seq = :seq")
                    .param("id", job.id()).param("seq", seq).query((rs, n) -> rs.getBytes(1)).optional();
                if (next.isEmpty()) {
                    verifyWhole();
                    return false;
                }
                if (read > 0 && read % CHUNK_SIZE != 0 || next.get().length > CHUNK_SIZE) {
                    throw incomplete("part " + (seq - 1) + " is shorter or longer than stored");
                }
                seq++;
                chunk = next.get();
                read += chunk.length;
                position = 0;
                digest.update(chunk);
                return true;
            }

            private void verifyWhole() throws IOException {
                if (read != job.fileSize()) {
                    throw incomplete(read + " of its " + job.fileSize() + " bytes are there");
                }
                if (job.fileSha256() != null && !job.fileSha256().equals(HexFormat.of().formatHex(digest.digest()))) {
                    throw incomplete("its bytes are not the ones uploaded");
                }
            }
        };
    }

    private static IncompleteFile incomplete(String why) {
        return new IncompleteFile("The stored file of this import is incomplete or altered (" + why
            + "); nothing was imported. Upload the file again");
    }
}
