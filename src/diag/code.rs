//! Stable short codes, one per kind of problem. They appear in the report
//! (`error[broken-link]: …`), so a writer can search for them and a tool
//! (the `serve` overlay, an editor, CI annotations) can group by them. A code
//! is never renamed once released; new kinds get new codes.

/// The kind of a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The folder given is not a site (no content/site.yaml).
    NotASite,
    /// A command-line value is invalid.
    BadArgument,
    /// The output folder is refused (it could destroy the writer's files).
    RefusedOutput,
    /// A file cannot be read, written, copied or removed.
    Io,
    /// A text file is not UTF-8.
    Encoding,
    /// YAML that does not parse.
    YamlSyntax,
    /// YAML that parses but does not fit its schema (unknown key, wrong type,
    /// missing key).
    YamlSchema,
    /// Front matter that is not closed or not where it must be.
    FrontMatter,
    /// A value in site.yaml or front matter that is out of its range.
    BadSetting,
    /// A theme that cannot be found, loops, or lacks a required template.
    Theme,
    /// A Tera template that does not compile or fails to render.
    Template,
    /// Two sources for one URL or output file.
    OutputCollision,
    /// A link to a page, heading or file that does not exist.
    BrokenLink,
    /// A URL with a scheme that could run script (`javascript:`, `data:`).
    UnsafeUrl,
    /// An id used twice where ids must be unique.
    DuplicateId,
    /// A guide's data refers to something that does not exist, or breaks a
    /// rule of the guide model.
    Guide,
    /// A ```` ```verdict ```` block that names nothing, too much, or
    /// something unknown.
    Embed,
    /// The home page is missing or a draft.
    HomePage,
    /// Two data files claim one key of `data`, or a file in `content/data/`
    /// is not YAML.
    DataConflict,
    /// A file or folder name that makes no URL.
    Slug,
    /// A symbolic link that leads outside the site folder.
    OutsideSite,
    /// Another build holds the output folder (`--no-wait`).
    Busy,
}

impl Code {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Code::NotASite => "not-a-site",
            Code::BadArgument => "bad-argument",
            Code::RefusedOutput => "refused-output",
            Code::Io => "io",
            Code::Encoding => "encoding",
            Code::YamlSyntax => "yaml-syntax",
            Code::YamlSchema => "yaml-schema",
            Code::FrontMatter => "front-matter",
            Code::BadSetting => "bad-setting",
            Code::Theme => "theme",
            Code::Template => "template",
            Code::OutputCollision => "output-collision",
            Code::BrokenLink => "broken-link",
            Code::UnsafeUrl => "unsafe-url",
            Code::DuplicateId => "duplicate-id",
            Code::Guide => "guide",
            Code::Embed => "embed",
            Code::HomePage => "home-page",
            Code::DataConflict => "data-conflict",
            Code::Slug => "slug",
            Code::OutsideSite => "outside-site",
            Code::Busy => "busy",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
