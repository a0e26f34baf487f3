package io.rollcall.portal;

import jakarta.servlet.http.HttpServletRequest;

import io.rollcall.auth.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in person on every portal page, for the header and the navigation, and the page's
 * own address, for the footer's language choice to come back to.
 */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

    @ModelAttribute("me")
    CurrentUser me(@AuthenticationPrincipal CurrentUser user) {
        return user;
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        // A form's answer (a POST) comes back as the page that form is on.
        if (!"GET".equals(request.getMethod()) || request.getQueryString() == null) {
            return path;
        }
        return path + "?" + request.getQueryString();
    }
}
