package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * A page's links are written as they are: no filter looks each one up on the class path as a
 * possible static resource (with Swagger UI's webjars locator present, Boot would add one, and it
 * cost a users page dozens of class-path lookups). The style sheet and scripts are still served.
 */
@ActiveProfiles({"test", "h2"})
class PageLinksH2Tests extends ApiTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void noFilterRewritesThePagesLinks() {
        assertThat(context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
            .noneMatch(registration -> registration.getFilter() instanceof ResourceUrlEncodingFilter);
    }

    @Test
    void theStyleSheetAndScriptsLinkedFromThePagesAreServed() throws Exception {
        var page = mvc.perform(MockMvcRequestBuilders.get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/css/rollcall.css\"");

        var css = mvc.perform(MockMvcRequestBuilders.get("/css/rollcall.css")).andReturn().getResponse();
        assertThat(css.getStatus()).isEqualTo(200);
        assertThat(css.getContentType()).startsWith("text/css");
        var script = mvc.perform(MockMvcRequestBuilders.get("/js/users.js")).andReturn().getResponse();
        assertThat(script.getStatus()).isEqualTo(200);
        assertThat(script.getContentAsString()).isNotBlank();
    }
}
