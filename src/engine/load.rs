//! Loading a site into a [`State`]: settings, theme, assets, templates and
//! the validated model, with every output file claimed once. The stages
//! report all their problems; the first stage with problems stops the load.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::derive::assets::{self, Assets};
use crate::derive::redirects::redirects;
use crate::derive::search::FOLDER as SEARCH_FOLDER;
use crate::derive::{Body, GENERATED, OutputFile, generated};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::outputs::{Clash, Origin};
use crate::model::site::{self, AssembleOptions, Site};
use crate::model::site_paths::SiteFiles;
use crate::output::MARKER;
use crate::render::highlight::{self, Highlighter};
use crate::render::page::{self as render_page, NOT_FOUND, SEARCH_DIRECTORY, SEARCH_PAGE};
use crate::render::templates::Templates;
use crate::source::content::ContentFiles;
use crate::source::read::read_text;
use crate::source::settings::{self, LoadOptions};
use crate::source::statics;
use crate::source::theme::{self, Theme};
use crate::source::yaml::YamlDoc;
use crate::url::Route;

use super::ProjectOptions;

/// A loaded, validated site, ready to render.
pub(super) struct State {
    pub site_yaml: String,
    pub theme: Theme,
    pub assets: Assets,
    pub templates: Templates,
    pub site: Site,
    /// The alias redirects and generated files (sitemap, robots.txt, …),
    /// made once per state.
    pub derived: Vec<OutputFile>,
}

/// Templates every theme must have.
const REQUIRED: [&str; 4] = ["home.html", "section.html", "page.html", NOT_FOUND];

pub(super) fn site_yaml_path(root: &Path) -> PathBuf {
    root.join("content").join("site.yaml")
}

/// Loads everything but the content files, which the caller keeps (so a
/// change re-reads only what changed). `stages` receives each stage's time.
pub(super) fn load(
    opts: &ProjectOptions,
    content: &ContentFiles,
    stages: &mut Vec<(&'static str, std::time::Duration)>,
) -> Result<State, Diagnostics> {
    let mut last = Instant::now();
    let mut done = |stage: &'static str| {
        let now = Instant::now();
        stages.push((stage, now - last));
        last = now;
    };
    let root = &opts.root;
    let yaml_path = site_yaml_path(root);
    let yaml_text = read_text(&yaml_path)?;
    let themes = highlight::theme_names();
    let settings = settings::load(
        &yaml_path,
        &yaml_text,
        &LoadOptions {
            base_url_override: opts.base_url.as_deref(),
            highlight_themes: &themes,
        },
    )?;
    done("settings");

    let site_doc = YamlDoc::whole(&yaml_path, &yaml_text);
    let theme = theme::load(root, &settings.config.theme, &|m| {
        site_doc.error_at(Code::Theme, "theme", m)
    });
    let (source, theme) = match (content.source(), theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            let mut all = Diagnostics::default();
            all.extend(s.err().into_iter().flatten());
            all.extend(t.err().into_iter().flatten());
            return all.fail();
        }
    };
    done("load");

    let site_static = statics::read(root, &theme)?;
    let assets = assets::collect(&theme, &site_static, &settings, &source.assets);
    assets::check_branding(&settings, &assets, &site_doc)?;
    let mut templates = Templates::compile(&theme, settings.urls.clone(), assets.names.clone())?;
    for required in REQUIRED {
        if !templates.has(required) {
            return Err(Diagnostic::global(
                Code::Theme,
                format!("theme `{}` has no templates/{required}", theme.chain[0]),
            )
            .into());
        }
    }
    done("templates");

    let names = templates.names();
    let theme_ids = templates.literal_ids();
    let site_files = site_files(&assets, settings.config.search);
    let mut site = site::assemble(
        settings,
        source,
        (&yaml_path, &yaml_text),
        &AssembleOptions {
            drafts: opts.drafts,
            templates: &names,
            theme_ids: &theme_ids,
            site_files: &site_files,
        },
    )?;
    let generated = generated(&site);
    claim_outputs(&mut site, &generated, &assets)?;
    let mut derived = redirects(&site);
    derived.extend(generated);
    render_page::global_context(&site, &mut templates);
    done("model");
    Ok(State {
        site_yaml: yaml_text,
        theme,
        assets,
        templates,
        site,
        derived,
    })
}

/// The files a root-relative link may name besides pages, aliases and the
/// files beside pages: the static files of the site and theme (by their
/// source name; CSS and JS are written under hashed names), the generated
/// files, the 404 page and the search results page. Claimed after the model,
/// in [`claim_outputs`].
fn site_files(assets: &Assets, search: bool) -> SiteFiles {
    let mut files = SiteFiles::default();
    for (name, route) in &assets.names {
        files.insert(name, route.clone());
    }
    let fixed = GENERATED
        .into_iter()
        .chain([NOT_FOUND])
        .chain(search.then_some(SEARCH_PAGE));
    for path in fixed {
        files.insert(path, Route::file(path));
    }
    files
}

/// Claims the 404 page, the generated files and the static files after the
/// pages and aliases the model claimed: one source per output file, and
/// only files the output can hold (see [`OutputClaims::claim`]).
fn claim_outputs(
    site: &mut Site,
    generated: &[OutputFile],
    assets: &Assets,
) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::default();
    if site.settings.config.search {
        // The whole folder: index files have hashed names.
        let taken: Vec<(String, Origin)> = site
            .claims
            .sources()
            .filter(|(f, _)| f.to_lowercase().starts_with(SEARCH_FOLDER))
            .map(|(f, o)| (f.to_string(), o.clone()))
            .collect();
        for (file, origin) in taken {
            let message = format!(
                "{origin} would be written to /{file}, inside /{SEARCH_FOLDER}, where verdict writes the search index and results page (move it, or set `search: false` in site.yaml)"
            );
            errors.push(match origin.place() {
                Some(place) => Diagnostic::placed(Code::OutputCollision, place.clone(), message),
                None => Diagnostic::global(Code::OutputCollision, message),
            });
        }
        // Static files and files beside pages too: a shard's name
        // (`search/x0.js`) would silently replace the file.
        for f in assets
            .files
            .iter()
            .filter(|f| f.path.to_lowercase().starts_with(SEARCH_FOLDER))
        {
            errors.push(Diagnostic::global(
                Code::OutputCollision,
                format!(
                    "{} would be written to /{}, inside /{SEARCH_FOLDER}, where verdict writes the search index and results page (move it, or set `search: false` in site.yaml)",
                    f.origin, f.path
                ),
            ));
        }
        for file in [SEARCH_PAGE, SEARCH_DIRECTORY] {
            // A page there was reported just above.
            match site.claims.claim(file, Origin::named("the search index")) {
                Ok(()) | Err(Clash::Same { .. }) => {}
                Err(clash) => errors.push(clash.diagnostic()),
            }
        }
    }
    let fixed = [
        (NOT_FOUND.to_string(), Origin::named("the 404 page")),
        (MARKER.to_string(), Origin::named("verdict's output marker")),
    ];
    let others: Vec<(String, Origin)> = fixed
        .into_iter()
        .chain(
            generated
                .iter()
                .map(|f| (f.path.clone(), Origin::named(f.origin.clone()))),
        )
        .chain(assets.files.iter().map(|f| {
            // A file copied from disk is named by its path, where the
            // writer finds it.
            let origin = match &f.body {
                Body::Copy(path) => Origin::file("", path),
                Body::Bytes(_) => Origin::named(f.origin.clone()),
            };
            (f.path.clone(), origin)
        }))
        .collect();
    for (file, origin) in others {
        if let Err(clash) = site.claims.claim(&file, origin) {
            errors.push(clash.diagnostic());
        }
    }
    errors.finish(())
}

/// A highlighter for the settings' themes, reusing `old` when they match.
pub(super) fn highlighter_for(site: &Site, old: Option<Highlighter>) -> Highlighter {
    let hl = &site.settings.config.highlighting;
    match old {
        Some(h) if h.themes_are(&hl.light, &hl.dark) => h,
        _ => Highlighter::new(&hl.light, &hl.dark),
    }
}
