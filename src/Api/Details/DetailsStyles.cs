using RunTasks.Grains.Details;
namespace RunTasks.Api.Details;

/// <summary>The page's only stylesheet, inline: no external assets, readable on a phone, printable.</summary>
internal static class DetailsStyles
{
    public const string Css = """
        :root { color-scheme: light; --fg: #1d1f23; --muted: #5b616b; --line: #d9dce1; --bg: #f6f7f9;
                --red: #b42318; --red-bg: #fef3f2; --amber: #93370d; --amber-bg: #fffaeb; --green: #067647; --green-bg: #ecfdf3;
                --blue: #175cd3; --blue-bg: #eff8ff; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: var(--fg); background: var(--bg); }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.35rem; margin: .25rem 0 .5rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
        h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
        h4, h5, h6 { font-size: .95rem; margin: .75rem 0 .25rem; }
        section, header.verdict { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin-bottom: 1rem; }
        header.verdict { border-left-width: .4rem; }
        header.failed { border-left-color: var(--red); background: var(--red-bg); }
        header.passed { border-left-color: var(--green); background: var(--green-bg); }
        header.pending { border-left-color: var(--blue); background: var(--blue-bg); }
        header.unchecked { border-left-color: var(--amber); background: var(--amber-bg); }
        .unchecked .badge { background: var(--amber); }
        p.reason { margin: 0 0 .5rem; overflow-wrap: anywhere; }
        bdi, code { unicode-bidi: isolate; }
        dl.facts { margin: 0 0 .5rem; }
        .body h5 { margin: .75rem 0 0; }
        .body h5 + p { margin-top: .2rem; }
        div.help { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .75rem; margin: 0 0 .75rem; background: var(--bg); }
        div.help p { margin: .25rem 0 0; }
        .badge { display: inline-block; font-weight: 700; font-size: .8rem; letter-spacing: .04em; text-transform: uppercase;
                 padding: .1rem .5rem; border-radius: 1rem; color: #fff; background: var(--muted); }
        .failed .badge, .badge.error { background: var(--red); }
        .passed .badge { background: var(--green); }
        .pending .badge { background: var(--blue); }
        .badge.warning { background: var(--amber); }
        .badge.info { background: var(--blue); }
        .muted, .meta { color: var(--muted); font-size: .9rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
        dt { color: var(--muted); }
        dd { margin: 0; overflow-wrap: anywhere; }
        ul.counts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0 0 .5rem; }
        ul.counts li { border: 1px solid var(--line); border-radius: .4rem; padding: .35rem .7rem; min-width: 7rem; }
        ul.counts b { display: block; font-size: 1.3rem; }
        article.finding { border: 1px solid var(--line); border-left-width: .3rem; border-radius: .4rem; padding: .75rem; margin: .5rem 0;
                          break-inside: avoid; }
        article.error { border-left-color: var(--red); }
        article.warning { border-left-color: var(--amber); }
        article.info { border-left-color: var(--blue); }
        article.finding h4:first-child { margin-top: 0; }
        .body { overflow-wrap: anywhere; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; background: var(--bg);
               padding: .05rem .3rem; border-radius: .25rem; overflow-wrap: anywhere; }
        ol.timeline { list-style: none; padding: 0; margin: 0; }
        ol.timeline li { display: grid; grid-template-columns: 16rem 1fr; gap: .75rem; padding: .3rem 0; border-top: 1px solid var(--line); }
        ol.timeline li:first-child { border-top: 0; }
        time { color: var(--muted); font-variant-numeric: tabular-nums; font-size: .9rem; }
        a { color: var(--blue); }
        footer { color: var(--muted); font-size: .8rem; text-align: center; padding: .5rem 0 2rem; }
        @media (max-width: 36rem) {
          main { padding: .5rem; }
          dl { grid-template-columns: 1fr; } dt { margin-top: .4rem; }
          ol.timeline li { grid-template-columns: 1fr; gap: 0; }
        }
        @media print {
          body { background: #fff; font-size: 11pt; }
          main { max-width: none; padding: 0; }
          section, header.verdict { border-color: #999; break-inside: avoid-page; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
