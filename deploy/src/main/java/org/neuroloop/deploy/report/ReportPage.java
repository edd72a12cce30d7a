package org.neuroloop.deploy.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * One self-contained HTML report: headings, text, tables and figures whose PNG images are inlined as data URIs, so
 * the file opens anywhere without fetching anything. Every figure is a {@code <figure class="plot" id=...>}; the
 * report tests find the plots by those ids.
 */
public final class ReportPage {
    private static final String STYLE = """
            body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1000px;color:#222}
            h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
            th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
            figure.plot{display:inline-block;margin:8px 12px 8px 0;vertical-align:top}
            figure.plot img{display:block;border:1px solid #eee}
            figcaption{font-size:12px;color:#555}
            .meta{color:#666;font-size:12px}
            """;
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public ReportPage(String title) {
        this.title = title;
        body.append("<h1>").append(escape(title)).append("</h1>\n");
        body.append("<p class=\"meta\">NeuroLoop report, written ")
                .append(Instant.now())
                .append("</p>\n");
    }

    public ReportPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public ReportPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; cells are text. */
    public ReportPage table(String id, List<String> header, List<List<String>> rows) {
        body.append("<table id=\"").append(escape(id)).append("\"><tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            r.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A plot: its PNG inlined, with an id the tests look for and a caption saying what it shows. */
    public ReportPage figure(String id, PlotImage image, String caption) {
        body.append("<figure class=\"plot\" id=\"")
                .append(escape(id))
                .append("\" style=\"width:")
                .append(image.width())
                .append("px\"><img alt=\"")
                .append(escape(id))
                .append("\" width=\"")
                .append(image.width())
                .append("\" height=\"")
                .append(image.height())
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(image.png()))
                .append("\"><figcaption>")
                .append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head><body>\n" + body + "</body></html>\n";
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html(), StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
