package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** A client that drops the connection half-way through an upload leaves nothing stored. */
@ActiveProfiles({"test", "h2"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AbortedUploadTests extends ApiTestSupport {

    @LocalServerPort
    int port;

    @Test
    void anUploadAbortedHalfWayStoresNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var boundary = "abort-boundary";
        var start = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"half.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n" + HEADER + "\r\n";
        var half = new StringBuilder(start);
        for (int i = 0; i < 2000; i++) {
            half.append("Half,Way,half").append(i).append("@example.com,0,H").append(i).append(',').append(school).append("\r\n");
        }
        var body = half.toString().getBytes(StandardCharsets.UTF_8);
        try (var socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                + "Content-Length: " + (body.length * 2) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
        Thread.sleep(1000);

        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
        assertThat(users(admin, school)).isEmpty();
        var after = importFile(admin, csv(HEADER, String.join(",", "Whole", "File", "whole." + unique() + "@example.com",
            "0", "W1", school)));
        assertThat((Integer) after.read("$.created")).isEqualTo(1);
    }
}
