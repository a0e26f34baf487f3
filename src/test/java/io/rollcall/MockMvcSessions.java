package io.rollcall;

import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;

/**
 * Lets MockMvc tests keep passing a {@code MockHttpSession} from request to request while sessions
 * are stored in the database: the stored session's id rides in the mock session, where a browser
 * would carry the SESSION cookie. Requests on a real server (browser tests) use the cookie as in
 * production.
 */
class MockMvcSessions implements HttpSessionIdResolver {

    private static final String STORED_ID = MockMvcSessions.class.getName() + ".id";

    private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();

    MockMvcSessions(CookieSerializer serializer) {
        cookies.setCookieSerializer(serializer);
    }

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        var mock = mockRequest(request);
        if (mock != null) {
            var session = mock.getSession(false);
            var id = session == null ? null : (String) session.getAttribute(STORED_ID);
            return id == null ? List.of() : List.of(id);
        }
        return cookies.resolveSessionIds(request);
    }

    @Override
    public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        var mock = mockRequest(request);
        if (mock != null) {
            mock.getSession(true).setAttribute(STORED_ID, sessionId);
        }
        cookies.setSessionId(request, response, sessionId);
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        var mock = mockRequest(request);
        if (mock != null && mock.getSession(false) != null) {
            mock.getSession(false).removeAttribute(STORED_ID);
        }
        cookies.expireSession(request, response);
    }

    private static MockHttpServletRequest mockRequest(ServletRequest request) {
        while (request instanceof ServletRequestWrapper wrapper) {
            request = wrapper.getRequest();
        }
        return request instanceof MockHttpServletRequest mock ? mock : null;
    }

    /** Puts the resolver into the session filter that Spring Boot configures. */
    @Component
    static class Installer implements BeanPostProcessor {

        private final ObjectProvider<CookieSerializer> serializer;

        Installer(ObjectProvider<CookieSerializer> serializer) {
            this.serializer = serializer;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof SessionRepositoryFilter<?> filter) {
                filter.setHttpSessionIdResolver(new MockMvcSessions(serializer.getObject()));
            }
            return bean;
        }
    }
}
