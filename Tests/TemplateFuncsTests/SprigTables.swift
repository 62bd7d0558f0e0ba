// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import Testing

@testable import TemplateFuncs

/// One behaviour: a template, its data, and the exact output or the error's exact ending.
struct Row: CustomTestStringConvertible, Sendable {
    var template: String
    var data: Value
    var output: String?
    var error: String?
    init(_ template: String, _ output: String, data: Value = .dict([:])) {
        self.template = template; self.output = output; self.data = data
    }
    init(_ template: String, error: String, data: Value = .dict([:])) {
        self.template = template; self.error = error; self.data = data
    }
    var testDescription: String { template }

    func check() {
        let result = render(template, data)
        if let output {
            #expect(result == .success(output))
        } else if let error {
            switch result {
            case .success(let s): Issue.record("expected error ending \(error.debugDescription), got output \(s.debugDescription)")
            case .failure(let e): #expect(e.hasSuffix(error), "\(e)")
            }
        }
    }
}

let stringRows: [Row] = [
    Row(#"{{ snakecase "FirstName" }}"#, "first_name"),
    Row(#"{{ snakecase "HTTPServer" }}"#, "http_server"),
    Row(#"{{ snakecase "NoHTTPS" }}"#, "no_https"),
    Row(#"{{ snakecase "GO_PATH" }}"#, "go_path"),
    Row(#"{{ snakecase "GO PATH" }}"#, "go_path"),
    Row(#"{{ snakecase "GO-PATH" }}"#, "go_path"),
    Row(#"{{ snakecase "http2xx" }}"#, "http_2xx"),
    Row(#"{{ snakecase "HTTP20xOK" }}"#, "http_20x_ok"),
    Row(#"{{ snakecase "Duration2m3s" }}"#, "duration_2m3s"),
    Row(#"{{ snakecase "Bld4Floor3rd" }}"#, "bld4_floor_3rd"),
    Row(#"{{ kebabcase "HTTP20xOK" }}"#, "http-20x-ok"),
    Row(#"{{ camelcase "some_words" }}"#, "SomeWords"),
    Row(#"{{ camelcase "no_https" }}"#, "NoHttps"),
    Row(#"{{ camelcase "_complex__case_" }}"#, "_Complex_Case_"),
    Row(#"{{ camelcase "some words" }}"#, "SomeWords"),
    Row(#"{{ camelcase "GOLANG_IS_GREAT" }}"#, "GolangIsGreat"),
    Row(#"{{ swapcase "hello World" }}"#, "HELLO wORLD"),
    Row(#"{{ untitle "ABC DEF" }}"#, "aBC dEF"),
    Row(#"{{ title "hello_world a.b" }}"#, "Hello_world A.B"),
    Row(#"{{ nospace "é x" }}"#, "Ã©x"),
    Row(#"{{ nospace "héllo" }}"#, "héllo"),
    Row(#"{{ initials "élan vital" }}"#, "Ãv"),
    Row(#"{{ abbrev 5 "hello world" }}"#, "he..."),
    Row(#"{{ abbrevboth 0 7 "hello world" }}"#, "hell..."),
    Row(#"{{ trunc -3 "abcdef" }}"#, "def"),
    Row(#"{{ substr 0 10 "abc" }}"#, "abc"),
    Row(#"{{ substr -1 10 "abc" }}"#, error: "error calling substr: runtime error: slice bounds out of range [:10] with length 3"),
    Row(#"{{ substr 7 10 "abcdef" }}"#, error: "error calling substr: runtime error: slice bounds out of range [7:6]"),
    Row(#"{{ wrapWith 5 "\t" "Hello World" }}"#, "Hello\tWorld"),
    Row(#"{{ wrapWith 3 "|" "abcdefg" }}"#, "abc|def|g"),
    Row(#"{{ wrap 5 "  a b" }}"#, "  a b"),
    Row(#"{{ trimAll "ab" "" }}|{{ trimAll "" "xx" }}"#, "|xx"),
    Row(#"{{ trimSuffix "-" "a--" }}"#, "a-"),
    Row(#"{{ contains "b" "abc" }} {{ contains "" "" }} {{ contains "z" "abc" }}"#, "true true false"),
    Row(#"{{ replace "a" "" "banana" }}"#, "bnn"),
    Row(#"{{ plural "one" "many" 2 }} {{ plural "one" "many" 0 }}"#, "many many"),
    Row(#"{{ splitList "" "héj" }}"#, "[h é j]"),
    Row(#"{{ splitn "," 0 "a,b" | len }}"#, "0"),
    Row(#"{{ splitn "," -1 "a,b,c" }}"#, "map[_0:a _1:b _2:c]"),
    Row(#"{{ join "," nil }}|{{ join "-" (splitList "," "a,b") }}"#, "|a-b"),
    Row(#"{{ cat "a" (list) "b" }}"#, "a [] b"),
    Row(#"{{ squote 1 "x" }}"#, "'1' 'x'"),
    Row(#"{{ nindent 2 "a" }}"#, "\n  a"),
    Row(#"{{ repeat 3 "ab" }}"#, "ababab"),
    Row(#"{{ upper "straße" }} {{ lower "ÀB" }}"#, "STRAßE àb"),
]

let listRows: [Row] = [
    Row(#"{{ until -3 }}"#, "[0 -1 -2]"),
    Row(#"{{ untilStep 0 10 3 }} {{ untilStep 5 0 -2 }} {{ untilStep 0 5 0 }}"#, "[0 3 6 9] [5 3 1] []"),
    Row(#"{{ typeOf (until 2) }}"#, "[]int"),
    Row(#"{{ slice (list) }}"#, "<no value>"),
    Row(#"{{ slice (list 1 2 3) 2 1 }}"#, error: "error calling slice: reflect.Value.Slice: slice index out of bounds"),
    Row(#"{{ slice (splitList "," "a,b,c") 1 | typeOf }}"#, "[]string"),
    Row(#"{{ chunk 0 (list 1) }}"#, error: "error calling chunk: runtime error: makeslice: len out of range"),
    Row(#"{{ typeOf (chunk 1 (list 1)) }}"#, "[][]interface {}"),
    Row(#"{{ has 1 nil }} {{ has 1 (list 1) }} {{ has "1" (list 1) }}"#, "false true false"),
    Row(#"{{ mustHas 1 "x" }}"#, error: "error calling mustHas: Cannot find has on type string"),
    Row(#"{{ uniq (list 1 "1" 1 (list 1) (list 1)) }}"#, "[1 1 [1]]"),
    Row(#"{{ without (list 1 2 1) 1 }}"#, "[2]"),
    Row(#"{{ prepend "x" 1 }}"#, error: "error calling prepend: Cannot prepend on type string"),
    Row(#"{{ reverse (dict) }}"#, error: "error calling reverse: Cannot find reverse on type map"),
    Row(#"{{ concat (list 1) nil }}"#, error: "error calling concat: runtime error: invalid memory address or nil pointer dereference"),
    Row(#"{{ concat }}"#, "[]"),
    Row(#"{{ sortAlpha "b" }} {{ sortAlpha nil }}"#, "[b] [<nil>]"),
    Row(#"{{ first (list) }}"#, "<no value>"),
    Row(#"{{ initial (list 1 2 3) }} {{ rest (list) }}"#, "[1 2] []"),
    Row(#"{{ compact (list 0 1 "" nil) | typeOf }}"#, "[]interface {}"),
]

private let nested: Value = .dict(["a": .dict(["b": .dict(["c": .string("deep")])]), "n": .goInt(1)])

let dictRows: [Row] = [
    Row(#"{{ keys (dict "b" 1 "a" 2) }}"#, "[a b]"),
    Row(#"{{ keys (dict "b" 1) (dict "a" 2) | typeOf }}"#, "[]string"),
    Row(#"{{ values (dict "b" 1 "a" 2) }}"#, "[2 1]"),
    Row(#"{{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }}"#, "map[a:1 c:3]"),
    Row(#"{{ get (dict "a" nil) "a" }}|{{ get (dict) "a" }}"#, "<no value>|"),
    Row(#"{{ dig "a" "b" "c" "none" . }}"#, "deep", data: nested),
    Row(#"{{ dig "a" "x" "c" "none" . }}"#, "none", data: nested),
    Row(#"{{ dig "n" "x" "none" . }}"#, error: "error calling dig: interface conversion: interface {} is int, not map[string]interface {}", data: nested),
    Row(#"{{ dig 1 "none" . }}"#, error: "error calling dig: interface conversion: interface {} is int, not string", data: nested),
    Row(#"{{ dig "a" "none" }}"#, error: "error calling dig: dig needs at least three arguments"),
    Row(
        #"{{ dig "a" "none" .V }}"#, error: "error calling dig: interface conversion: interface {} is common.Values, not map[string]interface {}",
        data: .dict(["V": .map(["a": .goInt(1)], .named("common.Values", underlying: .anyMap))])),
    Row(#"{{ merge (dict "a" 0 "b" "") (dict "a" 1 "b" "x") }}"#, "map[a:1 b:x]"),
    Row(#"{{ merge (dict "l" (list 1)) (dict "l" (list 2)) }}"#, "map[l:[1]]"),
    Row(#"{{ mergeOverwrite (dict "l" (list 1)) (dict "l" (list 2)) }}"#, "map[l:[2]]"),
    Row(#"{{ merge (dict "a" 1) (dict "a" nil) }} {{ mergeOverwrite (dict "a" 1) (dict "a" nil) }}"#, "map[a:1] map[a:<nil>]"),
    Row(#"{{ merge (dict "a" 1) (dict "a" (dict "x" 1)) }}"#, "map[a:1]"),
    Row(#"{{ merge (dict "a" (dict)) (dict "a" (dict "x" 1)) }}"#, "map[a:map[x:1]]"),
    Row(#"{{ merge (dict) (dict "a" 1) (dict "a" 2 "b" 3) }}"#, "map[a:1 b:3]"),
    Row(#"{{ deepCopy (list 1 (dict "a" 2)) }}"#, "[1 map[a:2]]"),
    Row(#"{{ set (dict) "k" "v" | typeOf }}"#, "map[string]interface {}"),
    Row(#"{{ pluck "a" (dict "a" 1) (dict) (dict "a" 2) }}"#, "[1 2]"),
]

let conversionRows: [Row] = [
    Row(#"{{ atoi "99999999999999999999" }} {{ atoi "-5" }} {{ atoi " 5" }} {{ atoi "+7" }}"#, "9223372036854775807 -5 0 7"),
    Row(#"{{ toDecimal "-17" }} {{ toDecimal 17 }} {{ toDecimal "0o17" }}"#, "-15 15 0"),
    Row(#"{{ int "0x1F" }} {{ int "1_000" }} {{ int "12.00" }} {{ int "12." }} {{ int "010" }}"#, "31 1000 12 0 8"),
    Row(#"{{ int64 "-9223372036854775808" }} {{ typeOf (int64 1) }}"#, "-9223372036854775808 int64"),
    Row(#"{{ toStrings (list 1 nil "a") | len }} {{ toStrings "x" }} {{ toStrings nil | len }}"#, "2 [x] 0"),
]

let reflectRows: [Row] = [
    Row(#"{{ kindOf (list) }} {{ kindOf (dict) }} {{ kindOf 1 }} {{ kindOf "s" }} {{ kindOf true }}"#, "slice map int string bool"),
    Row(
        #"{{ typeOf (list) }} {{ typeOf (splitList "," "a") }} {{ typeOf (split "," "a") }} {{ typeOf nil }}"#,
        "[]interface {} []string map[string]string <nil>"),
    Row(#"{{ kindIs "map" (split "," "a") }} {{ typeIs "int" 1 }} {{ typeIs "int64" 1 }}"#, "true true false"),
    Row(#"{{ deepEqual 1 (int64 1) }} {{ deepEqual (list 1) (list 1) }} {{ deepEqual (splitList "," "a") (list "a") }}"#, "false true false"),
]

let regexRows: [Row] = [
    Row(#"{{ regexFind "a|ab" "ab" }}"#, "a"),
    Row(#"{{ regexFind "a+?" "aaa" }} {{ regexFind "a+" "baaab" }}"#, "a aaa"),
    Row(#"{{ regexFind "a{2,3}" "aaaa" }} {{ regexFind "a{2}" "aaaa" }} {{ regexMatch "a{,2}" "a{,2}" }}"#, "aaa aa true"),
    Row(#"{{ regexFind "[^a-c]+" "abcdefabc" }}"#, "def"),
    Row(#"{{ regexFind "\\p{Greek}+" "abc αβγ def" }}"#, "αβγ"),
    Row(#"{{ regexFind "\\PL+" "ab12cd" }} {{ regexFind "[\\d]+" "ab12cd" }}"#, "12 12"),
    Row(#"{{ regexFind "[[:upper:]]+" "abCDe" }} {{ regexFind "[[:^alpha:]]+" "ab12cd" }}"#, "CD 12"),
    Row(#"{{ regexFindAll "\\bfoo\\b" "foo foobar foo" -1 }}"#, "[foo foo]"),
    Row(#"{{ regexFindAll "x*" "abc" -1 | len }}"#, "4"),
    Row(#"{{ regexFindAll "a." "paranormal" -1 }}"#, "[ar an al]"),
    Row(#"{{ regexReplaceAll "a*" "baaac" "-" }}"#, "-b-c-"),
    Row(#"{{ regexReplaceAll "(?P<first>\\w+) (?P<last>\\w+)" "John Smith" "${last} ${first}" }}"#, "Smith John"),
    Row(#"{{ regexReplaceAll "(?<x>b)" "abc" "[$x]" }}"#, "a[b]c"),
    Row(#"{{ regexReplaceAll "a" "banana" "$$" }}"#, "b$n$n$"),
    Row(#"{{ regexReplaceAll "(a|ab)(c|bcd)(d*)" "abcd" "[$1|$2|$3]" }}"#, "[a|bcd|]"),
    Row(#"{{ regexReplaceAll "b" "abc" "${1" }}"#, "a${1c"),
    Row(#"{{ regexSplit "a*" "abaabaccadaaae" 5 }}"#, "[ b b c cadaaae]"),
    Row(#"{{ regexSplit "," "" -1 | len }}"#, "1"),
    Row(#"{{ regexMatch "(?i)straße" "STRASSE" }} {{ regexMatch "(?i)k" "\u212a" }}"#, "false true"),
    Row(#"{{ regexMatch "(?s)a.b" "a\nb" }} {{ regexMatch "a.b" "a\nb" }}"#, "true false"),
    Row(#"{{ regexMatch "^$" "" }} {{ regexMatch "a$" "a\n" }} {{ regexMatch "\\Aa\\z" "a" }}"#, "true false true"),
    Row(#"{{ regexFind "(?U)a+" "aaa" }} {{ regexFind "(?U)a+?" "aaa" }}"#, "a aaa"),
    Row(#"{{ regexFind "\\Q.*\\E+" "a.**" }}"#, ".**"),
    Row(#"{{ regexFind "\\x41\\x{42}\\103" "zABCz" }}"#, "ABC"),
    Row(#"{{ regexFind "(a*)*" "b" | len }} {{ regexFind "(a|b)*c" "abac" }}"#, "0 abac"),
    Row(#"{{ regexQuoteMeta "1.5-2.0?[x]" }}"#, #"1\.5-2\.0\?\[x\]"#),
    Row(#"{{ mustRegexMatch "a**" "" }}"#, error: "error parsing regexp: invalid nested repetition operator: `**`"),
    Row(#"{{ mustRegexMatch "*a" "" }}"#, error: "error parsing regexp: missing argument to repetition operator: `*`"),
    Row(#"{{ mustRegexMatch "a{1001}" "" }}"#, error: "error parsing regexp: invalid repeat count: `{1001}`"),
    Row(#"{{ mustRegexMatch "\\q" "" }}"#, error: #"error parsing regexp: invalid escape sequence: `\q`"#),
    Row(#"{{ mustRegexMatch "[z-a]" "" }}"#, error: "error parsing regexp: invalid character class range: `z-a`"),
    Row(#"{{ mustRegexMatch "(?=a)" "" }}"#, error: "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
    Row(#"{{ mustRegexMatch "a)" "" }}"#, error: "error parsing regexp: unexpected ): `a)`"),
    Row(#"{{ mustRegexMatch "\\p{Foo}" "" }}"#, error: #"error parsing regexp: invalid character class range: `\p{Foo}`"#),
    Row(#"{{ mustRegexMatch "[[:foo:]]" "" }}"#, error: "error parsing regexp: invalid character class range: `[:foo:]`"),
    Row(#"{{ mustRegexMatch "a\\" "" }}"#, error: "error parsing regexp: trailing backslash at end of expression: ``"),
    Row(#"{{ mustRegexSplit "[a" "" 1 }}"#, error: "error parsing regexp: missing closing ]: `[a`"),
    Row(#"{{ regexSplit "a(" "" 1 }}"#, error: "error calling regexSplit: regexp: Compile(`a(`): error parsing regexp: missing closing ): `a(`"),
]

let urlRows: [Row] = [
    Row(#"{{ $u := urlParse "mailto:joe@example.com" }}{{ $u.scheme }}|{{ $u.opaque }}|{{ $u.path }}"#, "mailto|joe@example.com|"),
    Row(#"{{ $u := urlParse "/a%20b?x=1#f%21" }}{{ $u.path }}|{{ $u.query }}|{{ $u.fragment }}|{{ $u.host }}"#, "/a b|x=1|f!|"),
    Row(#"{{ (urlParse "HTTP://[::1]:80/").hostname }}|{{ (urlParse "HTTP://h").scheme }}"#, "::1|http"),
    Row(#"{{ (urlParse "http://a%40b:p%3Aw@h").userinfo }}"#, "a%40b:p%3Aw"),
    Row(#"{{ urlParse ":foo" }}"#, error: #"error calling urlParse: unable to parse url: parse ":foo": missing protocol scheme"#),
    Row(#"{{ urlParse "http://h/%zz" }}"#, error: #"error calling urlParse: unable to parse url: parse "http://h/%zz": invalid URL escape "%zz""#),
    Row(#"{{ urlParse "http://h:x/" }}"#, error: #"error calling urlParse: unable to parse url: parse "http://h:x/": invalid port ":x" after host"#),
    Row(#"{{ urlJoin (dict "host" "h" "path" "a/b") }}"#, "//h/a/b"),
    Row(#"{{ urlJoin (dict "scheme" "file" "path" "/etc/x") }}"#, "file:///etc/x"),
    Row(#"{{ urlJoin (dict "path" "a:b") }}"#, "./a:b"),
    Row(#"{{ urlJoin (dict "scheme" "https" "host" "h" "fragment" "a b") }}"#, "https://h#a%20b"),
    Row(#"{{ urlJoin (dict "host" 1) }}"#, error: "error calling urlJoin: unable to parse host key, must be of type string, but int found"),
]

let defaultRows: [Row] = [
    Row(#"{{ ternary 1 2 false }}"#, "2"),
    Row(#"{{ coalesce nil (list) (dict "a" 1) }}"#, "map[a:1]"),
    Row(#"{{ all (list 1) 1 }} {{ any }}"#, "true false"),
    Row(#"{{ empty (list) }} {{ empty (list 0) }}"#, "true false"),
]

@Test(arguments: stringRows) func strings(_ r: Row) { r.check() }
@Test(arguments: listRows) func lists(_ r: Row) { r.check() }
@Test(arguments: dictRows) func dicts(_ r: Row) { r.check() }
@Test(arguments: conversionRows) func conversion(_ r: Row) { r.check() }
@Test(arguments: reflectRows) func reflection(_ r: Row) { r.check() }
@Test(arguments: regexRows) func regex(_ r: Row) { r.check() }
@Test(arguments: urlRows) func urls(_ r: Row) { r.check() }
@Test(arguments: defaultRows) func defaults(_ r: Row) { r.check() }

/// Many matches over a long text stay linear in what the backtracker explores.
@Test func regexReplaceAllOnLongText() {
    let text = String(repeating: "ab", count: 20_000)
    let out = render(#"{{ regexReplaceAll "a" .t "x" | len }} {{ regexFindAll "b+" .t -1 | len }}"#, .dict(["t": .string(text)]))
    #expect(out == .success("40000 20000"))
}

/// Go's path functions: template → output.
let pathCases: [(String, String)] = [
    (#"{{ base "/a/b/c.txt" }}"#, "c.txt"), (#"{{ base "" }}"#, "."), (#"{{ base "///" }}"#, "/"), (#"{{ base "a/b/" }}"#, "b"),
    (#"{{ dir "/a/b/c" }}"#, "/a/b"), (#"{{ dir "c" }}"#, "."), (#"{{ dir "/" }}"#, "/"), (#"{{ dir "a//b/../c/" }}"#, "a/c"),
    (#"{{ clean "a/./b/../../c" }}"#, "c"), (#"{{ clean "/../a" }}"#, "/a"), (#"{{ clean "../../x" }}"#, "../../x"), (#"{{ clean "" }}"#, "."),
    (#"{{ ext "a/b.tar.gz" }}"#, ".gz"), (#"{{ ext "a.d/b" }}"#, ""), (#"{{ isAbs "/x" }} {{ isAbs "x" }}"#, "true false"),
    (#"{{ osBase "/a/b" }}"#, "b"), (#"{{ hello }}"#, "Hello!"),
]

@Test(arguments: pathCases)
func pathFunctions(_ c: (String, String)) throws {
    var set = TemplateSet(name: "gotpl", functions: FunctionLibrary.helm)
    try set.parse(name: "t", text: c.0)
    #expect(try set.execute("t", data: .dict([:])) == c.1)
}
