package org.belladonna.web;

import org.belladonna.app.Versions;
import io.javalin.http.Context;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.HashMap;
import java.util.Map;

/** Renders the Thymeleaf templates bundled under {@code templates/}, adding what every page needs. */
public final class Views {
    private final TemplateEngine engine = new TemplateEngine();
    private final boolean kiosk;
    private final JobViews jobViews;

    Views(boolean kiosk, JobViews jobViews) {
        this.kiosk = kiosk;
        this.jobViews = jobViews;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Views.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    public void render(Context ctx, String template, Map<String, ?> model) {
        ctx.contentType("text/html; charset=utf-8").result(renderToString(ctx, template, model));
    }

    public String renderToString(Context ctx, String template, Map<String, ?> model) {
        var vars = new HashMap<String, Object>(model);
        vars.put("csrf", Csrf.token(ctx));
        var session = SignInGate.session(ctx);
        vars.put("user", session == null ? null : session.user());
        vars.put("path", ctx.path());
        vars.put("kiosk", kiosk);
        vars.put("jobViews", jobViews);
        vars.put("version", Versions.APP);
        vars.put("htmxVersion", Versions.HTMX);
        vars.put("sliderVersion", Versions.SLIDER);
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context(java.util.Locale.ENGLISH, vars);
        return engine.process(template, context);
    }
}
