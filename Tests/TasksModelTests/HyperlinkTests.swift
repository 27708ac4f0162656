import Foundation
import Testing

@testable import TasksModel

@Suite("Links: URLs in results and errors are found, checked, kept whole and linked")
struct HyperlinkTests {
    /// Cell widths (`wcwidth`) follow the process locale: set UTF-8 before any test here runs.
    init() { #expect(utf8LocaleReady) }

    /// The URLs `pieces` would link in `text`.
    static func links(_ text: String) -> [String] { Hyperlink.pieces(text).compactMap(\.url) }

    @Test("http and https URLs are found in text and JSON, without the punctuation around them")
    func finds() {
        #expect(
            Self.links(#""url": "https://cdn.example.com/out/report.pdf","#) == [
                "https://cdn.example.com/out/report.pdf"
            ])
        #expect(Self.links("see http://a.example/x?y=1&z=%20#top.") == ["http://a.example/x?y=1&z=%20#top"])
        #expect(
            Self.links("(https://a.example/wiki/Foo_(bar)) and <https://b.example>") == [
                "https://a.example/wiki/Foo_(bar)", "https://b.example",
            ])
        #expect(Self.links("HTTPS://A.EXAMPLE/Up") == ["HTTPS://A.EXAMPLE/Up"])
        // The pieces put back together are the text.
        let text = "a https://x.example/1 b https://y.example/2 c"
        #expect(Hyperlink.pieces(text).map(\.text).joined() == text)
        #expect(Hyperlink.pieces(text).count == 5)
    }

    @Test("text that is not an http(s) URL is never linked")
    func notURLs() {
        for text in [
            "javascript:alert(1)", "JaVaScRiPt://x.example/%0aalert(1)", "data:text/html,<script>", "ftp://x.example/",
            "file:///etc/passwd", "https://", "https:///path", "https://@evil", "xhttps://a.example",
            "git+https://a.example/r", "no url here", "http:/one-slash.example", "mailto:a@example.com",
        ] {
            #expect(Self.links(text).isEmpty, "\(text)")
        }
    }

    @Test("hostile URLs are plain text: OSC, BEL, C1, bidi, non-ASCII, backslash, bad escapes, too long")
    func hostile() {
        let hostile = [
            "https://evil.example/\u{1B}]8;;https://good.example\u{1B}\\",
            "https://evil.example/a\u{07}b", "https://evil.example/\u{9D}8;;x", "https://evil.example/\u{9C}",
            "https://good.example/\u{202E}lmth.exe", "https://exa\u{200B}mple.com/", "https://exämple.com/",
            "https://evil.example/\\u001b]8;;", "https://evil.example/%zz", "https://evil.example/%4",
            "https://evil.example/\u{7F}", "https://evil.example/\u{0}",
            "https://evil.example/" + String(repeating: "a", count: Hyperlink.maximumLength),
        ]
        for text in hostile {
            let pieces = Hyperlink.pieces(text)
            #expect(pieces.allSatisfy { $0.url == nil }, "linked: \(text.debugDescription)")
            #expect(pieces.map(\.text).joined() == text)
        }
        // White space ends a URL: what follows is text, and the URL before it is whole.
        #expect(Self.links("https://a.example/x y") == ["https://a.example/x"])
        #expect(Self.links("https://evil.example/\r\nSet-Cookie: a") == ["https://evil.example/"])
        // Every linked URL is printable ASCII without anything that could end the OSC.
        for text in hostile + ["https://a.example/" + String(repeating: "b", count: 2000)] {
            for url in Self.links(text) {
                #expect(url.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != 0x5C })
            }
        }
    }

    @Test("a URL followed by a flood of ) is plain text, found in bounded work (it once took quadratic time)")
    func bracketFlood() {
        // Longer than a link may be: plain text, whole. Quadratic trimming
        // took minutes on 100,000; the scan now stops at maximumLength + 1.
        for count in [8000, 100_000] {
            let text = "see http://x" + String(repeating: ")", count: count) + " end"
            let pieces = Hyperlink.pieces(text)
            #expect(pieces.allSatisfy { $0.url == nil })
            #expect(pieces.map(\.text).joined() == text)
        }
        // Within the limit the unmatched brackets are trimmed and the link is bounded.
        let short = "http://x/(a)" + String(repeating: ")", count: 2000)
        #expect(Self.links(short) == ["http://x/(a)"])
        #expect(Self.links("http://x/[a]]] (http://y/(b))") == ["http://x/[a]", "http://y/(b)"])
    }

    @Test("OSC 8 is ESC ] 8 ; ; URL ESC \\ and its close")
    func sequences() {
        #expect(Hyperlink.open("https://a.example") == "\u{1B}]8;;https://a.example\u{1B}\\")
        #expect(Hyperlink.close == "\u{1B}]8;;\u{1B}\\")
    }

    // MARK: The details text layout

    /// The lines' text as the pane shows it (indent as spaces) and the URL of each piece.
    static func render(_ lines: [DetailsWrap.Line], indent: Int) -> [String] {
        lines.map { (($0.indented ? String(repeating: " ", count: indent) : "") + $0.pieces.map(\.text).joined()) }
    }

    @Test("a URL that fits is never cut: it moves to a line of its own")
    func urlMovesToItsLine() {
        let url = "https://cdn.example.com/out/a.pdf"  // 33 columns
        let lines = DetailsWrap.lines(
            #""report": "\#(url)", "pages": 12"#, width: 40, indent: 2, links: true, labelled: false,
            profile: .utf8, scalarLimit: 8192, limit: 100)
        #expect(Self.render(lines, indent: 2) == ["  \"report\": \"", "  \(url)\", \"p", "  ages\": 12"])
        #expect(lines[1].pieces.first == Hyperlink.Piece(url, url: url))
        // The same text unlinked wraps at the width, through the URL.
        let plain = DetailsWrap.lines(
            #""report": "\#(url)", "pages": 12"#, width: 40, indent: 2, links: false, labelled: false,
            profile: .utf8, scalarLimit: 8192, limit: 100)
        #expect(Self.render(plain, indent: 2)[0] == "  \"report\": \"https://cdn.example.com/out")
    }

    @Test("a URL wider than the pane continues from column 0, nothing inserted, every piece linked to the whole")
    func longURL() {
        let url = "https://cdn.example.com/" + String(repeating: "x", count: 70) + "?sig=abc"
        let lines = DetailsWrap.lines(
            #"  "u": "\#(url)","#, width: 40, indent: 2, links: true, labelled: false, profile: .utf8,
            scalarLimit: 8192, limit: 100)
        let shown = Self.render(lines, indent: 2)
        #expect(shown[0] == "    \"u\": \"")
        let urlLines = lines.dropFirst()
        #expect(urlLines.allSatisfy { !$0.indented })
        #expect(shown.dropFirst().dropLast().allSatisfy { $0.count == 40 })
        // The URL's lines put together are the URL, then the JSON's `",`.
        #expect(shown.dropFirst().joined() == url + "\",")
        #expect(urlLines.flatMap(\.pieces).filter { $0.url != nil }.allSatisfy { $0.url == url })
        // Width within the pane on every line.
        #expect(shown.allSatisfy { $0.count <= 40 })
    }

    @Test("a labelled field keeps its label when a long URL starts it; wide text still wraps as before")
    func labelled() {
        let url = "https://a.example/" + String(repeating: "y", count: 60)
        let lines = DetailsWrap.lines(
            url, width: 40, indent: 14, links: true, labelled: true, profile: .utf8, scalarLimit: 8192, limit: 100)
        #expect(lines[0] == DetailsWrap.Line(indented: true, pieces: []))
        #expect(lines.dropFirst().map { $0.pieces.map(\.text).joined() }.joined() == url)
        let wide = DetailsWrap.lines(
            "世界世界世界", width: 19, indent: 14, links: true, labelled: true, profile: .utf8, scalarLimit: 8192,
            limit: 100)
        #expect(wide.map { $0.pieces.map(\.text).joined() } == ["世界", "世界", "世界"])
        // A URL reaching the cut at scalarLimit is not linked in its truncated form.
        let cut = DetailsWrap.lines(
            "see https://a.example/abcdef", width: 80, indent: 2, links: true, labelled: false, profile: .utf8,
            scalarLimit: 20, limit: 10)
        #expect(cut.flatMap(\.pieces).allSatisfy { $0.url == nil })
        let whole = DetailsWrap.lines(
            "see https://a.example/ab more", width: 80, indent: 2, links: true, labelled: false, profile: .utf8,
            scalarLimit: 27, limit: 10)
        #expect(whole.flatMap(\.pieces).compactMap(\.url) == ["https://a.example/ab"])
        // A line limit holds, and an empty value is one empty line.
        #expect(
            DetailsWrap.lines(
                String(repeating: "z", count: 500), width: 20, indent: 2, links: true, labelled: false,
                profile: .utf8, scalarLimit: 8192, limit: 3
            ).count == 3)
        #expect(
            DetailsWrap.lines(
                "", width: 20, indent: 2, links: true, labelled: false, profile: .utf8, scalarLimit: 10, limit: 3
            )
            .count == 1)
    }

    @Test("the details pane links URLs in the result and the error, nowhere else, and the frame text is whole")
    func detailsPane() {
        let url = "https://cdn.example.com/reports/q3.pdf?sig=a1b2"
        var job = Fixtures.job(
            "job_url", .failed, title: "see https://title.example/x", minutesAgo: 3,
            error: "upload failed, see https://status.example/incidents/42")
        job.result = ["report": .string(url), "evil": .string("https://evil.example/\u{1B}]8;;x\u{07}")]
        let state = Fixtures.state([job], width: 60, height: 60)
        let rows = DetailsView(state: state, id: "job_url", scroll: 0).content(width: 60)
        let links = rows.flatMap(\.spans).compactMap(\.link)
        #expect(Set(links) == [url, "https://status.example/incidents/42"])
        // The link spans show exactly their URL (or a piece of it).
        for span in rows.flatMap(\.spans) where span.link != nil { #expect(span.link!.contains(span.text)) }
        let text = rows.map { $0.spans.map(\.text).joined() }
        #expect(text.contains { $0.contains(url) })
        // The hostile value is shown sanitized, not linked, and no row holds an ESC or BEL.
        #expect(text.contains { $0.contains(#""https://evil.example/\u001b]8;;x\u0007""#) })
        #expect(!text.joined().unicodeScalars.contains { $0.value < 0x20 })
    }

    // MARK: Support

    @Test("hyperlinks: on and off are obeyed; auto only for known terminals, and in tmux only when tmux says so")
    func support() {
        func auto(_ environment: [String: String], tmux: String? = nil) -> Bool {
            HyperlinkSupport.enabled(.auto, environment: environment, tmuxFeatures: tmux)
        }
        #expect(HyperlinkSupport.enabled(.on, environment: [:], tmuxFeatures: nil))
        #expect(!HyperlinkSupport.enabled(.off, environment: ["TERM": "xterm-kitty"], tmuxFeatures: nil))
        #expect(auto(["TERM": "xterm-kitty"]))
        // TERM screen*/tmux* without TMUX (GNU screen, ssh from inside tmux): tmux is not asked, links off.
        #expect(!auto(["TERM": "screen-256color"], tmux: "256,hyperlinks"))
        #expect(!auto(["TERM": "tmux-256color"], tmux: "hyperlinks"))
        #expect(!HyperlinkSupport.asksTmux(["TERM": "screen-256color"]))
        #expect(HyperlinkSupport.asksTmux(["TERM": "screen", "TMUX": "/tmp/tmux-0/default,1,0"]))
        #expect(auto(["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"], tmux: "256,hyperlinks"))
        #expect(auto(["TERM": "foot"]) && auto(["TERM": "foot-direct"]) && auto(["TERM": "wezterm"]))
        #expect(auto(["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]))
        #expect(auto(["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"]))
        #expect(auto(["TERM": "xterm-256color", "VTE_VERSION": "7600"]))
        #expect(!auto(["TERM": "xterm-256color", "VTE_VERSION": "4200"]))
        #expect(auto(["TERM": "xterm-256color", "WT_SESSION": "abc"]))
        #expect(auto(["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"]))
        #expect(!auto(["TERM": "xterm-256color"]))
        #expect(!auto(["TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"]))
        #expect(!auto(["TERM": "linux"]))
        // Inside tmux the outer terminal's variables say nothing: tmux decides.
        let tmux = ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"]
        #expect(!auto(tmux))
        #expect(!auto(tmux, tmux: "256,RGB,clipboard,title"))
        #expect(auto(tmux, tmux: "256,RGB,clipboard,hyperlinks,title\n"))
        #expect(!auto(["TERM": "screen-256color", "TERM_PROGRAM": "WezTerm"]))
    }

    @Test("hyperlinks is a setting: auto by default, on/off from every layer, nonsense refused")
    func setting() throws {
        let defaults = try SettingsResolver.resolve(file: nil, filePath: nil, environment: [:], flags: [:], home: "/h")
        #expect(defaults.hyperlinks == .auto)
        let env = try SettingsResolver.resolve(
            file: nil, filePath: nil, environment: ["TASKS_HYPERLINKS": "OFF"], flags: [:], home: "/h")
        #expect(env.hyperlinks == .off)
        let flag = try SettingsResolver.resolve(
            file: ["hyperlinks": "off"], filePath: "/c", environment: [:], flags: [.hyperlinks: "on"], home: "/h")
        #expect(flag.hyperlinks == .on)
        #expect(throws: SettingsError.self) {
            try SettingsResolver.resolve(
                file: ["hyperlinks": "yes please"], filePath: "/c", environment: [:], flags: [:], home: "/h")
        }
    }

    // MARK: Clipboard

    @Test("OSC 52 carries the text as base64; ids with controls or invisible characters are not copied")
    func clipboard() {
        #expect(Clipboard.osc52("job_8f3a") == "\u{1B}]52;c;am9iXzhmM2E=\u{1B}\\")
        let evil = Clipboard.osc52("x\u{1B}\\\u{07}; rm -rf ~\n")
        #expect(evil.dropFirst(7).dropLast(2).allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) })
        #expect(Clipboard.isCopyable("job_8f3a-世界"))
        for id in ["", "a\nb", "a\u{1B}b", "a\u{202E}b", "a\u{200B}b", "a\u{9B}b", String(repeating: "a", count: 5000)]
        {
            #expect(!Clipboard.isCopyable(id), "\(id.debugDescription)")
        }
    }

    @Test("Y copies the selected job's id, or the shown job's in the details pane, and says so in the footer")
    func copyKey() {
        var state = Fixtures.state(Fixtures.mixed)
        let selected = state.selectedID!
        let effects = state.update(.key(.character("Y"), at: state.now))
        #expect(effects.contains(.copyToClipboard(selected.text)))
        #expect(state.message?.text == "copied id \(selected) to the clipboard (OSC 52)")
        // In the details pane: the job shown.
        _ = state.update(.key(.down, at: state.now))
        let other = state.selectedID!
        #expect(other != selected)
        state.screen = .details(id: other, scroll: 0)
        #expect(state.update(.key(.character("Y"), at: state.now)).contains(.copyToClipboard(other.text)))
        // A job whose id would steer a terminal or a shell: nothing is copied, and the footer says why.
        var hostile = Fixtures.state([Fixtures.job("job\u{1B}]0;x\u{07}\nrm", .queued, minutesAgo: 1)])
        let refused = hostile.update(.key(.character("Y"), at: hostile.now))
        #expect(!refused.contains { if case .copyToClipboard = $0 { true } else { false } })
        #expect(hostile.message?.severity == .warning)
        // Nothing selected: nothing copied.
        var empty = Fixtures.state([])
        #expect(
            empty.update(.key(.character("Y"), at: empty.now)).allSatisfy {
                if case .copyToClipboard = $0 { false } else { true }
            })
    }
}
