package io.rollcall.config;

import java.io.IOException;

import io.rollcall.error.ErrorCode;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers when a request never reaches Rollcall (a request line it cannot parse, say):
 * a problem detail as every other error, instead of Tomcat's HTML page naming the server.
 */
@Component
class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // After Spring Boot's own customizer, which adds the plain ErrorReportValve this one replaces.
        factory.addContextCustomizers(context -> {
            var host = (StandardHost) context.getParent();
            var pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            // Named as the host's error valve too, or the host adds Tomcat's own beside it when it starts.
            host.setErrorReportValveClass(ProblemValve.class.getName());
            pipeline.addValve(new ProblemValve());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes a problem detail where Tomcat would write its error page, and only there. */
    public static final class ProblemValve extends ErrorReportValve {

        public ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var code = ErrorCode.ofStatus(status);
            var reason = HttpStatus.resolve(status);
            var title = reason == null ? "Error" : reason.getReasonPhrase();
            var detail = status == 400 ? "The request is malformed: its request line, headers or address could not be read"
                : title;
            var body = "{\"type\":\"/problems/" + code.slug() + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code.name() + "\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone, or the response was taken meanwhile: nothing more to say.
            }
        }
    }
}
