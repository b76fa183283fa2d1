package org.planetrewards.cli.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planetrewards.Decision;
import org.planetrewards.RewardsEngine;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Draws the report in headless Chromium, as a tester opens it: the demo history, and 1,000 generated
 * members plus members with hostile ids. Checks through the DOM that the script ran without error (its
 * window.onerror would add {@code #script-error}), drew the heatmaps and funnels, paged the members, and
 * that hostile ids arrived as text, not markup; and, at a phone's width, that the page is no wider
 * than the window and no timestamp or campaign id broke across lines. Screenshots at 1400 and 400
 * pixels wide go to {@code target/report-*.png}.
 *
 * <p>Needs {@code /usr/bin/chromium}. CI installs it ({@code .ci/run}), so there (env {@code CI=true}) a
 * missing browser fails the test; elsewhere the test is skipped.
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path TARGET = Path.of("target");
    /** A desktop window, and a phone's width (CSS pixels). */
    static final String DESKTOP = "1400,2000";
    static final String PHONE = "400,2400";

    @BeforeAll
    static void needsChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                fail(CHROMIUM + " is missing: CI must install chromium (see .ci/run) to check the report in a browser");
            }
            Assumptions.abort(CHROMIUM + " is missing and this is not CI (CI=true): the browser test is skipped");
        }
    }

    @Test
    void theDemoReportDrawsInABrowser(@TempDir Path tmp) throws Exception {
        HtmlReportTest.Built b = HtmlReportTest.demo();
        Path html = TARGET.resolve("report-demo.html");
        try (RewardsEngine engine = b.engine()) {
            Files.writeString(html, HtmlReport.render(engine, b.decisions(), "demo.jsonl"), StandardCharsets.UTF_8);
        }

        String dom = chromium(tmp, html, "--dump-dom");
        String phone = chromium(tmp, html, PHONE, "--dump-dom", "");
        screenshot(tmp, html, DESKTOP, TARGET.resolve("report-demo-1400.png"));
        screenshot(tmp, html, PHONE, TARGET.resolve("report-demo-400.png"));

        assertDrawn(dom);
        assertDrawn(phone);
        // The community timeline: a column for each of the 45 days, and the 14 decisions on their days.
        assertThat(attr(dom, "data-timeline-days")).isEqualTo(45);
        assertThat(attr(dom, "data-timeline-decisions")).isEqualTo(14);
        // Readable on a phone: nothing wider than the window, and ids and timestamps kept whole.
        for (String page : List.of(dom, phone)) {
            assertThat(attr(page, "data-page-overflow")).isZero();
            assertThat(attr(page, "data-nowrap-words")).isPositive();
            assertThat(attr(page, "data-broken-words")).isZero();
        }
        assertThat(attr(dom, "data-members-total")).isEqualTo(13);
        assertThat(attr(dom, "data-members-shown")).isEqualTo(13);
        // 13 members × 45 days, one cell a day; 14 decisions on 12 distinct member-days.
        assertThat(attr(dom, "data-heatmap-rects")).isEqualTo(13 * 45);
        assertThat(attr(dom, "data-reward-stars")).isEqualTo(12);
        assertThat(attr(dom, "data-funnel-bars")).isEqualTo(6 + 6 + 3);
        assertThat(attr(dom, "data-reason-bars")).isEqualTo(4);
        assertThat(attr(dom, "data-decisions-shown")).isEqualTo(14);
        assertThat(dom).contains(">mei<", "streak-15: won chatgpt-account at 2026-03-15T21:00:00+08:00");
        assertThat(attr(dom, "data-leaderboard-rows")).as("3 campaigns, 10 of the 13 members each").isEqualTo(30);
    }

    /** The report in the community's language: the page's texts are the pack's zh-CN sentences. */
    @Test
    void theDemoReportInChinese(@TempDir Path tmp) throws Exception {
        HtmlReportTest.Built b = HtmlReportTest.demo();
        Path html = TARGET.resolve("report-demo-zh-CN.html");
        try (RewardsEngine engine = b.engine()) {
            Files.writeString(html, HtmlReport.render(engine, b.decisions(), "demo.jsonl", "zh-CN"), StandardCharsets.UTF_8);
        }
        java.util.Properties zh = new java.util.Properties();
        zh.load(new java.io.StringReader(Files.readString(Path.of("../rules/default-pack/messages/zh-CN.properties"))));

        String dom = chromium(tmp, html, "--dump-dom");
        screenshot(tmp, html, DESKTOP, TARGET.resolve("report-demo-zh-CN-1400.png"));

        assertThat(dom).contains("lang=\"zh-CN\"", ">" + zh.getProperty("report.leaderboards") + "<",
                ">" + zh.getProperty("report.funnel") + "<", ">" + zh.getProperty("report.column.completion") + "<",
                zh.getProperty("measure.in-a-row"));
        assertThat(dom).doesNotContain(">Leaderboards<", ">Campaign funnel<", "counted days in a row");
        assertThat(attr(dom, "data-leaderboard-rows")).isEqualTo(30);
        assertThat(attr(dom, "data-heatmap-rects")).isEqualTo(13 * 45);
    }

    @Test
    void aThousandMembersAndHostileIdsArePagedAndShownAsText(@TempDir Path tmp) throws Exception {
        Path html = TARGET.resolve("report-1000.html");
        try (RewardsEngine engine = RewardsEngine.builder().build()) {
            List<Decision> decisions = new ArrayList<>();
            new HistoryGenerator(7, 1000, 30).generate(f -> decisions.addAll(engine.apply(f)));
            decisions.addAll(HtmlReportTest.addHostileMembers(engine));
            assertThat(engine.members().size()).isGreaterThan(900);
            Files.writeString(html, HtmlReport.render(engine, decisions, "generated-1000.jsonl"), StandardCharsets.UTF_8);
        }

        String dom = chromium(tmp, html, "--dump-dom");
        screenshot(tmp, html, DESKTOP, TARGET.resolve("report-1000-1400.png"));
        screenshot(tmp, html, PHONE, TARGET.resolve("report-1000-400.png"));

        assertDrawn(dom);
        // Members in natural order, as people count: m0, m1, m2 ... m9, m10, never m1, m10, m100.
        List<Integer> numbered = new ArrayList<>();
        Matcher ids = Pattern.compile("class=\"id mono\">m(\\d+)<").matcher(dom);
        while (ids.find()) {
            numbered.add(Integer.parseInt(ids.group(1)));
        }
        assertThat(numbered).hasSizeGreaterThan(40).isSorted().startsWith(0, 1, 2, 3);
        assertThat(attr(dom, "data-members-total")).isGreaterThan(900);
        assertThat(attr(dom, "data-members-shown")).as("one page").isEqualTo(50);
        assertThat(attr(dom, "data-heatmap-rects")).isEqualTo(50 * attr(dom, "data-days"));
        assertThat(attr(dom, "data-decisions-shown")).isEqualTo(50);
        assertThat(attr(dom, "data-funnel-bars")).isEqualTo(15);
        // Hostile ids sort first, so they are on the first page: as text (escaped by the serialiser), never as elements.
        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;", "\"&gt;&lt;svg onload=alert(2)&gt;",
                "&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
        assertThat(dom).doesNotContainPattern("<img[\\s>]").doesNotContainPattern("<svg onload")
                .doesNotContain("<script>alert(3)");
        // The search box filters by id (a link can preset it): one hostile member, and only its decision.
        String filtered = chromium(tmp, html, "--dump-dom", "#q=" + java.net.URLEncoder.encode("<img", StandardCharsets.UTF_8));
        assertDrawn(filtered);
        assertThat(attr(filtered, "data-members-matching")).isEqualTo(1);
        assertThat(attr(filtered, "data-members-shown")).isEqualTo(1);
        assertThat(attr(filtered, "data-decisions-shown")).isEqualTo(1);
        assertThat(attr(filtered, "data-heatmap-rects")).isEqualTo(attr(dom, "data-days"));
    }

    private static void assertDrawn(String dom) {
        assertThat(dom).doesNotContain("id=\"script-error\"");
        assertThat(dom).contains("data-rendered=\"ok\"");
        assertThat(attr(dom, "data-heatmap-rects")).isPositive();
        assertThat(attr(dom, "data-funnel-bars")).isPositive();
    }

    private static int attr(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as(name + " on the page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void screenshot(Path tmp, Path html, String size, Path png) throws Exception {
        Files.deleteIfExists(png);
        chromium(tmp, html, size, "--screenshot=" + png.toAbsolutePath(), "");
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    /** Runs headless Chromium on the file with no network and a throw-away profile; returns its stdout. */
    private static String chromium(Path tmp, Path html, String action) throws IOException, InterruptedException {
        return chromium(tmp, html, DESKTOP, action, "");
    }

    private static String chromium(Path tmp, Path html, String action, String fragment) throws IOException, InterruptedException {
        return chromium(tmp, html, DESKTOP, action, fragment);
    }

    private static String chromium(Path tmp, Path html, String size, String action, String fragment) throws IOException, InterruptedException {
        Path profile = tmp.resolve("profile");
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + size, "--hide-scrollbars", action,
                html.toAbsolutePath().toUri() + fragment)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + Files.readString(err));
        }
        assertThat(p.exitValue()).as("chromium exit; stderr: " + Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
