//! `verdict build`: the pipeline, as a list of timed stages.
//!
//! settings → content + theme → assets → templates → site model → render
//! (parallel, each page written as it finishes) → extras (404, aliases,
//! sitemap, robots) → swap the staging folder into place. A stage that
//! reports problems stops the build; problems within a stage are all
//! collected first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assets::{self, AssetBody, AssetFile};
use crate::config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::guides;
use crate::html::escape_attr;
use crate::output::{self, Staging};
use crate::render::{self, PageDeps, Renderer};
use crate::site::{self, AssembleOptions, Site};
use crate::templates::Templates;
use crate::theme;
use crate::urls::{Route, UrlBuilder};
use crate::yaml::YamlDoc;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub stages: Vec<(&'static str, Duration)>,
    pub out: PathBuf,
    /// What each page was made from, for incremental rebuilds.
    pub deps: BTreeMap<Route, PageDeps>,
}

#[derive(Debug)]
pub enum BuildError {
    /// A wrong argument: a missing site, a refused output folder (exit 2).
    Usage(Diagnostics),
    /// Problems in the site's content, settings or theme (exit 1).
    Content(Diagnostics),
}

struct Timer {
    start: Instant,
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        let now = Instant::now();
        Timer {
            start: now,
            last: now,
            stages: Vec::new(),
        }
    }
    fn done(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timer = Timer::new();
    let root = &opts.root;
    let site_yaml = root.join("content").join("site.yaml");
    if !site_yaml.is_file() {
        return Err(BuildError::Usage(
            Diagnostic::global(format!(
                "{} is not a verdict site: {} is missing (create one with `verdict init DIR`)",
                root.display(),
                site_yaml.display()
            ))
            .into(),
        ));
    }
    if let Some(base) = &opts.base_url {
        crate::urls::BaseUrl::parse(base).map_err(|m| {
            BuildError::Usage(Diagnostic::global(format!("--base-url: {m}")).into())
        })?;
    }
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    let out = output::check_out_dir(root, &out).map_err(|d| BuildError::Usage(d.into()))?;
    let fail = BuildError::Content;

    let yaml_text = content::read_text(&site_yaml).map_err(|d| fail(d.into()))?;
    let settings = config::load(&site_yaml, &yaml_text, opts.base_url.as_deref()).map_err(fail)?;
    timer.done("settings");

    let site_doc = YamlDoc::whole(&site_yaml, &yaml_text);
    let (source, theme) = rayon::join(
        || content::load(root),
        || {
            theme::load(root, &settings.config.theme, &|m| {
                site_doc.error_at("theme", m)
            })
        },
    );
    let (source, theme) = match (source, theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            let mut all = Diagnostics::default();
            all.extend(s.err().map(|d| d.0).unwrap_or_default());
            all.extend(t.err().map(|d| d.0).unwrap_or_default());
            return Err(fail(all.fail::<()>().unwrap_err()));
        }
    };
    timer.done("load");

    let assets = assets::collect(&theme, root, &settings, &source.assets).map_err(fail)?;
    check_branding_files(&settings, &assets.names, &site_doc).map_err(fail)?;
    let urls = UrlBuilder::new(settings.base_url.clone(), settings.config.relative_urls);
    let mut templates =
        Templates::compile(&theme, urls, assets.names.clone()).map_err(|d| fail(d.into()))?;
    for required in ["home.html", "section.html", "page.html", "404.html"] {
        if !templates.has(required) {
            return Err(fail(
                Diagnostic::global(format!(
                    "theme `{}` has no templates/{required}",
                    theme.chain[0]
                ))
                .into(),
            ));
        }
    }
    timer.done("templates");

    let names = templates.names();
    let mut source = source;
    let guide_files = std::mem::take(&mut source.guide_files);
    let mut site = site::assemble(
        settings,
        source,
        (&site_yaml, &yaml_text),
        &AssembleOptions {
            drafts: opts.drafts,
            templates: &names,
        },
    )
    .map_err(fail)?;
    site.guides = guides::load(&guide_files, &site).map_err(fail)?;
    check_outputs(&site, &assets.files).map_err(fail)?;
    render::global_context(&site, &mut templates);
    timer.done("model");

    let staging = Staging::create(&out).map_err(|d| BuildError::Usage(d.into()))?;
    let deps = render_pages(&site, &templates, &staging).map_err(fail)?;
    timer.done("render");

    let mut files = write_extras(&site, &templates, &staging).map_err(fail)?;
    files += write_assets(assets.files, &staging).map_err(fail)?;
    timer.done("extras");

    staging.commit().map_err(|d| fail(d.into()))?;
    timer.done("swap");
    Ok(BuildReport {
        pages: site.pages.len(),
        files: files + site.pages.len(),
        elapsed: timer.start.elapsed(),
        stages: timer.stages,
        out,
        deps,
    })
}

/// Renders every page on all cores; each is written as soon as it is done.
fn render_pages(
    site: &Site,
    templates: &Templates,
    staging: &Staging,
) -> Result<BTreeMap<Route, PageDeps>, Diagnostics> {
    let renderer = Renderer::new(site, templates);
    let results: Vec<Result<(Route, PageDeps), Diagnostics>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| {
            let page = renderer.page(id)?;
            staging.write(&page.route.output_file(), page.html.as_bytes())?;
            Ok((page.route, page.deps))
        })
        .collect();
    let mut errors = Diagnostics::default();
    let mut deps = BTreeMap::new();
    for r in results {
        match r {
            Ok((route, d)) => {
                deps.insert(route, d);
            }
            Err(e) => errors.extend(e.0),
        }
    }
    errors.finish(deps)
}

/// 404 page, alias redirects, sitemap.xml and robots.txt. Returns the file count.
fn write_extras(
    site: &Site,
    templates: &Templates,
    staging: &Staging,
) -> Result<usize, Diagnostics> {
    let urls = &site.urls;
    let renderer = Renderer::new(site, templates);
    staging.write("404.html", renderer.not_found()?.as_bytes())?;
    let mut files = 1;

    for page in &site.pages {
        for alias in &page.aliases {
            let href = urls.href(alias, &page.route, None);
            let html = redirect_page(&href, &urls.absolute(&page.route));
            staging.write(&alias.output_file(), html.as_bytes())?;
            files += 1;
        }
    }

    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut published: Vec<&site::Page> = site
        .pages
        .iter()
        .filter(|p| !p.source.front.draft)
        .collect();
    published.sort_by(|a, b| a.route.cmp(&b.route));
    for page in published {
        sitemap.push_str("  <url><loc>");
        sitemap.push_str(&escape_attr(&urls.absolute(&page.route)));
        sitemap.push_str("</loc>");
        if let Some(date) = &page.source.front.date {
            sitemap.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        sitemap.push_str("</url>\n");
    }
    sitemap.push_str("</urlset>\n");
    staging.write("sitemap.xml", sitemap.as_bytes())?;
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute(&Route::file("sitemap.xml"))
    );
    staging.write("robots.txt", robots.as_bytes())?;
    Ok(files + 2)
}

fn write_assets(files: Vec<AssetFile>, staging: &Staging) -> Result<usize, Diagnostics> {
    let results: Vec<Result<(), Diagnostic>> = files
        .par_iter()
        .map(|f| match &f.body {
            AssetBody::Bytes(b) => staging.write(f.route.as_str(), b),
            AssetBody::Copy(path) => staging.copy(f.route.as_str(), path),
        })
        .collect();
    let mut errors = Diagnostics::default();
    errors.extend(results.into_iter().filter_map(Result::err));
    errors.finish(files.len())
}

/// Every file the build will write has exactly one source. Pages and aliases
/// were checked against each other when the site was assembled; here they
/// meet the generated files and the static files, so that no file silently
/// overwrites another (and the output does not depend on which write won).
fn check_outputs(site: &Site, assets: &[AssetFile]) -> Result<(), Diagnostics> {
    let mut claims: BTreeMap<String, String> = BTreeMap::new();
    let key = |file: &str| file.to_lowercase();
    for page in &site.pages {
        let source = page.source.file.path.display().to_string();
        claims.insert(key(&page.route.output_file()), format!("the page {source}"));
        for alias in &page.aliases {
            claims.insert(key(&alias.output_file()), format!("an alias of {source}"));
        }
    }
    let mut errors = Diagnostics::default();
    let generated = [
        ("404.html", "the 404 page"),
        ("sitemap.xml", "the sitemap"),
        ("robots.txt", "robots.txt"),
        (output::MARKER, "verdict's output marker"),
    ];
    let others = generated
        .iter()
        .map(|(file, what)| ((*file).to_string(), (*what).to_string()))
        .chain(
            assets
                .iter()
                .map(|f| (f.route.output_file(), f.origin.clone())),
        );
    for (file, origin) in others {
        if let Some(first) = claims.get(&key(&file)) {
            errors.push(Diagnostic::global(format!(
                "two sources for the output file /{file}: {first} and {origin}"
            )));
        } else {
            claims.insert(key(&file), origin);
        }
    }
    errors.finish(())
}

fn redirect_page(href: &str, absolute: &str) -> String {
    let href = escape_attr(href);
    let absolute = escape_attr(absolute);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{absolute}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{href}\">{absolute}</a>.</p>\n</body>\n</html>\n"
    )
}

fn check_branding_files(
    settings: &config::Settings,
    names: &BTreeMap<String, Route>,
    doc: &YamlDoc,
) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::default();
    let b = &settings.config.branding;
    for (key, value) in [("branding.logo", &b.logo), ("branding.favicon", &b.favicon)] {
        if let Some(path) = value
            && !names.contains_key(path.trim_start_matches('/'))
        {
            errors.push(doc.error_at(
                key,
                format!("no file `{path}` in static/ (or the theme's static/)"),
            ));
        }
    }
    errors.finish(())
}

/// Relative display of the output folder for the summary line.
pub fn shown(out: &Path) -> String {
    match std::env::current_dir()
        .ok()
        .and_then(|cwd| out.strip_prefix(cwd).ok().map(Path::to_path_buf))
    {
        Some(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => out.display().to_string(),
    }
}
