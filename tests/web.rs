//! The page in a real browser (headless Chromium via wasm-bindgen-test): what a reader sees and does.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use parallax::ui::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The app, mounted once for the whole run as on a real page (a router's window listeners outlive
/// an unmounted app, so several routers in one page would fight over link clicks).
struct Mounted {
    host: HtmlElement,
}

thread_local! {
    static HOST: std::cell::RefCell<Option<HtmlElement>> = const { std::cell::RefCell::new(None) };
}

fn page_path() -> String {
    web_sys::window().unwrap().location().pathname().unwrap()
}

fn query() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// Opens the page at `search` (e.g. "" or "?doc=…"): the first time by loading it, then as a
/// visitor following a link to it would.
async fn mount(search: &str) -> Mounted {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let url = format!("{}{}", page_path(), search);
    let host = HOST.with(|cell| cell.borrow().clone());
    let host = match host {
        Some(host) => {
            let link: HtmlElement = document.create_element("a").unwrap().unchecked_into();
            link.set_attribute("href", &url).unwrap();
            document.body().unwrap().append_child(&link).unwrap();
            link.click();
            link.remove();
            host
        }
        None => {
            window
                .history()
                .unwrap()
                .replace_state_with_url(&JsValue::NULL, "", Some(&url))
                .unwrap();
            let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
            document.body().unwrap().append_child(&host).unwrap();
            std::mem::forget(mount_to(host.clone(), App));
            HOST.with(|cell| *cell.borrow_mut() = Some(host.clone()));
            host
        }
    };
    settle().await;
    assert_eq!(query(), search, "the page opened at the asked-for view");
    Mounted { host }
}

impl Mounted {
    fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self.host.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.get(i).unwrap().unchecked_into())
            .collect()
    }

    fn one(&self, selector: &str) -> HtmlElement {
        self.host
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("{selector} is on the page"))
            .unchecked_into()
    }

    /// The text of every element `selector` matches, in order.
    fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|e| e.text_content().unwrap_or_default())
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }
}

/// Lets Leptos apply pending updates (it renders on the async executor) and timers run, and
/// entity edits finish applying (a step per task, "Applying…" meanwhile).
async fn settle() {
    sleep(30).await;
    leptos::task::tick().await;
    let document = web_sys::window().unwrap().document().unwrap();
    for _ in 0..150 {
        if document.query_selector(".applying").unwrap().is_none() {
            break;
        }
        sleep(20).await;
    }
    leptos::task::tick().await;
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until the facet counts have caught up with a changed query (they wait for typing to
/// pause).
async fn settle_facets() {
    sleep(200).await;
    settle().await;
}

fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

const FIRST: &str = "000_a8a29ba410e08957.txt";
const SECOND: &str = "001_3d4b255715acc054.txt";

#[wasm_bindgen_test]
async fn the_list_shows_all_five_seed_documents_with_their_facts() {
    let page = mount("").await;
    let rows = page.all(".doc-row");
    assert_eq!(rows.len(), 5);
    let meta: Vec<String> = page
        .all(".doc-row .doc-meta")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert_eq!(meta[0], "outlet not stated · undated · 270 words");
    assert_eq!(meta[3], "outlet not stated · 2020-06-10 · 794 words");
    assert_eq!(meta[4], "Appy Pie · undated · 463 words");
    assert!(page
        .one(".welcome")
        .text_content()
        .unwrap()
        .contains("Boilerplate blocks set aside8"));
}

#[wasm_bindgen_test]
async fn clicking_a_document_opens_it_in_the_reader_with_its_own_url() {
    let page = mount("").await;
    page.all(".doc-row")[3].click();
    settle().await;
    assert_eq!(
        page.text(".reader-title"),
        "Amazon Halts Use Of 'Racist' Facial Recognition Software By Police"
    );
    assert_eq!(query(), "?doc=003_116c2fefbf00860c.txt");
    assert_eq!(page.all(".doc-row[aria-current=page]").len(), 1);
    let facts = page.text(".facts");
    assert!(
        facts.contains("By Tyler Durden") && facts.contains("10 June 2020"),
        "{facts}"
    );
    // The header lines are shown as title and facts, not repeated in the body.
    let paragraphs = page.all(".reader-body > .para");
    assert!(paragraphs[0]
        .text_content()
        .unwrap()
        .starts_with("As we have detailed numerous times"));
}

#[wasm_bindgen_test]
async fn boilerplate_is_collapsed_until_the_toggle_shows_it() {
    let page = mount(&format!("?doc={FIRST}")).await;
    let blocks = page.all(".boilerplate");
    assert_eq!(blocks.len(), 4);
    let hidden_text = page.all(".boilerplate-text");
    assert!(hidden_text.iter().all(|t| t.hidden()), "collapsed at first");
    let toggle = page.one(".toggle-boilerplate");
    assert_eq!(
        toggle.text_content().unwrap(),
        "Show boilerplate (4 blocks)"
    );
    assert!(page
        .text(".boilerplate[data-kind=SourceLink] .boilerplate-stub")
        .contains("source link"));

    toggle.click();
    settle().await;
    assert!(
        page.all(".boilerplate-text").iter().all(|t| !t.hidden()),
        "all shown"
    );
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        page.text(".boilerplate[data-kind=SourceLink] .boilerplate-text"),
        "Source link"
    );
    assert!(query().contains("boilerplate=shown"));
    // Body paragraphs never sit inside a boilerplate block.
    assert!(page
        .all(".reader-body > .para")
        .iter()
        .all(|p| !p.text_content().unwrap().contains("Source link")));

    toggle.click();
    settle().await;
    assert!(
        page.all(".boilerplate-text").iter().all(|t| t.hidden()),
        "collapsed again"
    );
}

#[wasm_bindgen_test]
async fn j_and_k_step_through_the_list() {
    let page = mount("").await;
    press("j");
    settle().await;
    assert_eq!(query(), format!("?doc={FIRST}"));
    press("j");
    settle().await;
    assert_eq!(query(), format!("?doc={SECOND}"));
    assert!(page
        .text(".reader-title")
        .starts_with("Amazon prohibits the police"));
    press("k");
    settle().await;
    assert_eq!(query(), format!("?doc={FIRST}"));
    press("k");
    settle().await;
    assert_eq!(query(), format!("?doc={FIRST}"), "k stops at the top");
}

#[wasm_bindgen_test]
async fn back_and_forward_restore_the_document() {
    let page = mount("").await;
    page.all(".doc-row")[0].click();
    settle().await;
    page.all(".doc-row")[1].click();
    settle().await;
    assert!(page
        .text(".reader-title")
        .starts_with("Amazon prohibits the police"));
    let history = web_sys::window().unwrap().history().unwrap();
    history.back().unwrap();
    settle().await;
    settle().await;
    assert_eq!(query(), format!("?doc={FIRST}"));
    assert!(page
        .text(".reader-title")
        .starts_with("Amazon is cutting off"));
    history.forward().unwrap();
    settle().await;
    settle().await;
    assert!(page
        .text(".reader-title")
        .starts_with("Amazon prohibits the police"));
}

#[wasm_bindgen_test]
async fn an_unknown_document_id_says_so() {
    let page = mount("?doc=no-such-file.txt").await;
    assert_eq!(page.text(".reader h1"), "No such document");
    assert!(page.text(".reader").contains("no-such-file.txt"));
}

#[wasm_bindgen_test]
async fn the_entity_browser_lists_filters_and_finds() {
    let page = mount("?view=entities").await;
    let rows = page.all(".entity-row");
    assert!(rows.len() > 30, "{} entities", rows.len());
    assert_eq!(
        page.text(".entity-row .entity-name"),
        "Amazon",
        "most mentioned first"
    );

    page.one(".type-filter.type-place").click();
    settle().await;
    let chips: Vec<String> = page
        .all(".entity-row .type-chip")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert!(
        !chips.is_empty() && chips.iter().all(|c| c == "PLACE"),
        "{chips:?}"
    );
    assert!(query().contains("type=PLACE"));

    page.one(".type-filter.type-all").click();
    settle().await;
    let find: web_sys::HtmlInputElement = page.one(".entity-find").unchecked_into();
    find.set_value("bez");
    find.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let names: Vec<String> = page
        .all(".entity-name")
        .iter()
        .map(|n| n.text_content().unwrap())
        .collect();
    assert_eq!(names, ["Jeff Bezos"]);
    assert!(query().contains("find=bez"));
}

#[wasm_bindgen_test]
async fn an_entitys_mentions_in_context_lead_into_the_reader() {
    let page = mount("?view=entities").await;
    page.one(".entity-link[data-id=\"person:jeff-bezos\"]")
        .click();
    settle().await;
    assert!(page.text(".entity-detail .aliases").contains("Bezos"));
    let lines = page.all(".kwic-line");
    assert_eq!(lines.len(), 3);
    assert_eq!(page.text(".kwic-line .kwic-key"), "Jeff Bezos");
    lines[2].click();
    settle().await;
    assert!(
        query().contains("doc=003_116c2fefbf00860c.txt"),
        "{}",
        query()
    );
    assert!(query().contains("at="));
    let focused: Vec<String> = page
        .all(".reader-body mark.focus")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert_eq!(focused, ["Jeff Bezos", "Jeff Bezos", "Bezos"]);
    assert_eq!(page.all(".reader-body mark.jumped").len(), 1);
}

#[wasm_bindgen_test]
async fn the_reader_marks_entities_by_type_with_their_canonical_name() {
    let page = mount("?doc=004_5794830cfb3b6476.txt").await;
    let gebru = page
        .all(".reader-body mark.type-person")
        .into_iter()
        .find(|m| m.text_content().unwrap() == "Timnit Gebru")
        .expect("Timnit Gebru is marked as a person");
    assert_eq!(
        gebru.get_attribute("title").as_deref(),
        Some("Timnit Gebru · PERSON")
    );
    let buolamwini = page
        .all(".reader-body mark")
        .into_iter()
        .filter(|m| m.text_content().unwrap() == "Buolamwini")
        .count();
    assert_eq!(buolamwini, 4);
    assert_eq!(page.all(".entity-legend mark").len(), 4);
    // Marks add elements, never text: the paragraph reads exactly as the source.
    let first = page.all(".reader-body > .para")[0].text_content().unwrap();
    assert!(first.starts_with("Amazon has said it will not be providing its facial recognition technology to police for one year."));
}

const EDITS_KEY: &str = "parallax.edits.v1.seeds";

/// What the browser keeps in the object store `store` under `key` ("" for nothing), once
/// `wanted` holds of it (the page writes a moment after a change), or after 2 s.
async fn kept(store: &str, key: &str, wanted: impl Fn(&str) -> bool) -> String {
    let mut value = String::new();
    for _ in 0..100 {
        let database = idb::Factory::new()
            .unwrap()
            .open("parallax", None)
            .unwrap()
            .await
            .unwrap();
        let tx = database
            .transaction(&[store], idb::TransactionMode::ReadOnly)
            .unwrap();
        value = tx
            .object_store(store)
            .unwrap()
            .get(JsValue::from_str(key))
            .unwrap()
            .await
            .unwrap()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        database.close();
        if wanted(&value) {
            break;
        }
        sleep(20).await;
    }
    value
}

/// Undoes every edit, so the next test starts from the automatic index.
async fn undo_all(page: &Mounted) {
    while !page
        .one(".curation-bar .undo")
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled()
    {
        page.one(".curation-bar .undo").click();
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn accepting_a_suggested_merge_is_saved_and_can_be_undone_and_redone() {
    let page = mount("?view=entities&entity=person:gebry").await;
    assert!(page.text(".suggestion").contains("Timnit Gebru"));
    page.one(".suggestion .accept").click();
    settle().await;
    assert!(!page.texts(".entity-name").contains(&"Gebry".to_string()));
    assert_eq!(page.text(".edit-count"), "1 edit");
    let merged = |json: &str| json.contains("\"op\": \"merge\"");
    let saved = kept("edits", EDITS_KEY, merged).await;
    assert!(merged(&saved), "{saved}");

    page.one(".entity-link[data-id=\"person:timnit-gebru\"]")
        .click();
    settle().await;
    assert_eq!(page.all(".kwic-line").len(), 2);

    page.one(".curation-bar .undo").click();
    settle().await;
    assert!(page.texts(".entity-name").contains(&"Gebry".to_string()));
    let saved = kept("edits", EDITS_KEY, |json| !merged(json)).await;
    assert!(!merged(&saved), "{saved}");
    page.one(".curation-bar .redo").click();
    settle().await;
    assert!(!page.texts(".entity-name").contains(&"Gebry".to_string()));
    undo_all(&page).await;
}

#[wasm_bindgen_test]
async fn hiding_an_entity_removes_it_from_the_list_and_the_reader_until_unhidden() {
    let page = mount("?view=entities&entity=org:ibm&doc=000_a8a29ba410e08957.txt").await;
    assert!(page
        .all(".reader-body mark")
        .iter()
        .any(|m| m.text_content().unwrap() == "IBM"));
    page.one(".curate .hide").click();
    settle().await;
    assert!(!page.texts(".entity-name").contains(&"IBM".to_string()));
    assert!(!page
        .all(".reader-body mark")
        .iter()
        .any(|m| m.text_content().unwrap() == "IBM"));
    assert!(page.text(".hidden-entities").contains("IBM"));
    page.one(".hidden-entities .unhide").click();
    settle().await;
    assert!(page.texts(".entity-name").contains(&"IBM".to_string()));
    undo_all(&page).await;
}

#[wasm_bindgen_test]
async fn renaming_keeps_the_entity_and_its_old_spelling() {
    let page = mount("?view=entities&entity=person:jeff-bezos").await;
    let input: web_sys::HtmlInputElement = page.one(".curate .rename input").unchecked_into();
    input.set_value("Jeffrey P. Bezos");
    page.one(".curate .rename button").click();
    settle().await;
    assert!(page
        .texts(".entity-name")
        .contains(&"Jeffrey P. Bezos".to_string()));
    assert!(
        page.text(".entity-detail .aliases").contains("Jeff Bezos"),
        "still selected, old name kept as a spelling"
    );
    undo_all(&page).await;
    assert!(page
        .texts(".entity-name")
        .contains(&"Jeff Bezos".to_string()));
}

#[wasm_bindgen_test]
async fn a_saved_view_is_named_for_what_it_shows_kept_and_opened_again() {
    let filtered = "?q=police&f.entity=person%3Ajeff-bezos";
    let page = mount(filtered).await;
    page.one(".views-menu").click();
    settle().await;
    let name: web_sys::HtmlInputElement = page.one(".save-view input").unchecked_into();
    assert_eq!(name.placeholder(), "“police” · Jeff Bezos");
    page.one(".save-view button").click();
    settle().await;
    assert_eq!(page.texts(".view-row > a"), ["“police” · Jeff Bezos"]);
    let saved = kept("views", EDITS_KEY, |json| json.contains("police")).await;
    assert_eq!(
        saved,
        r#"[{"name":"“police” · Jeff Bezos","query":"?q=police&f.entity=person%3Ajeff-bezos"}]"#
    );

    mount("?view=entities").await;
    let name: web_sys::HtmlInputElement = page.one(".save-view input").unchecked_into();
    name.set_value("  The entities ");
    page.one(".save-view button").click();
    settle().await;
    assert_eq!(
        page.texts(".view-row > a"),
        ["“police” · Jeff Bezos", "The entities"]
    );
    assert_eq!(page.text(".views-menu"), "Views (2) ▾");
    assert_eq!(
        page.one(".view-row:nth-child(2) > a")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );

    page.one(".view-row > a").click();
    settle().await;
    assert_eq!(query(), filtered);
    assert!(
        page.all(".views-panel").is_empty(),
        "opening a view closes the list"
    );
    let search: web_sys::HtmlInputElement = page.one(".search-box").unchecked_into();
    assert_eq!(search.value(), "police");

    page.one(".views-menu").click();
    settle().await;
    while !page.all(".view-row .delete").is_empty() {
        page.one(".view-row .delete").click();
        settle().await;
    }
    assert_eq!(page.text(".views-menu"), "Views ▾");
    assert_eq!(kept("views", EDITS_KEY, |json| json == "[]").await, "[]");
    page.one(".corpus-menu").click();
    settle().await;
    assert!(
        page.all(".views-panel").is_empty(),
        "one top-bar panel at a time"
    );
    page.one(".corpus-panel .close").click();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_broken_import_is_reported_and_changes_nothing() {
    let page = mount("?view=entities").await;
    let parts = js_sys::Array::of1(&"{\"version\": 1, \"edits\": [oops".into());
    let file = web_sys::File::new_with_str_sequence(&parts, "edits.json").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = page.one(".curation-bar .import input").unchecked_into();
    input.set_files(transfer.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    settle().await;
    let message = page.text(".curation-message");
    assert!(
        message.starts_with("edits.json: not a Parallax edits file"),
        "{message}"
    );
    assert!(message.ends_with("Your edits are unchanged."));
    assert_eq!(page.text(".edit-count"), "0 edits");
}

#[wasm_bindgen_test]
async fn typing_a_query_filters_the_list_marks_snippets_and_lives_in_the_url() {
    let page = mount("").await;
    press("/");
    settle().await;
    let document = web_sys::window().unwrap().document().unwrap();
    let focused = document.active_element().map(|e| e.class_name());
    assert_eq!(
        focused.as_deref(),
        Some("search-box"),
        "/ focuses the search box"
    );

    let search: web_sys::HtmlInputElement = page.one(".search-box").unchecked_into();
    search.set_value("\"Timnit Gebru\"");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(page.all(".doc-row").len(), 1);
    assert_eq!(page.text(".search-summary"), "1 of 5 documents");
    let marks: Vec<String> = page
        .all(".doc-snippet mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert_eq!(marks, ["Timnit Gebru"], "a phrase is marked whole");
    assert_eq!(query(), "", "the address waits for typing to pause");
    sleep(500).await;
    assert_eq!(query(), "?q=%22Timnit%20Gebru%22");

    search.set_value("colour:red");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    assert!(page.text(".search-notes").contains("No field called"));

    // j steps through the results only.
    search.set_value("Buolamwini");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    search.blur().unwrap();
    press("j");
    settle().await;
    assert_eq!(query(), "?q=Buolamwini&doc=004_5794830cfb3b6476.txt");
    press("j");
    settle().await;
    assert_eq!(
        query(),
        "?q=Buolamwini&doc=004_5794830cfb3b6476.txt",
        "one result: j stays"
    );
    search.focus().unwrap();

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    search.dispatch_event(&escape).unwrap();
    settle().await;
    assert_eq!(page.all(".doc-row").len(), 5, "Esc clears the search");
    assert_eq!(
        query(),
        "?doc=004_5794830cfb3b6476.txt",
        "and keeps the open document"
    );
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str, event: &str) {
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new(event).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_keystroke_makes_the_first_rows_and_the_rest_follow_in_the_next_task() {
    let page = mount("").await;
    let search: web_sys::HtmlInputElement = page.one(".search-box").unchecked_into();
    type_into(&search, "Amazon", "input");
    leptos::task::tick().await;
    assert_eq!(page.all(".doc-row").len(), 4);
    assert_eq!(page.all(".doc-snippet").len(), 4);
    settle().await;
    assert_eq!(page.all(".doc-row").len(), 5);
    assert_eq!(page.all(".doc-snippet").len(), 5);
}

#[wasm_bindgen_test]
async fn a_typed_query_reaches_the_url_on_enter_and_with_any_other_navigation() {
    let page = mount("").await;
    let search: web_sys::HtmlInputElement = page.one(".search-box").unchecked_into();
    type_into(&search, "police", "input");
    settle().await;
    assert_eq!(query(), "");
    type_into(&search, "police", "change");
    settle().await;
    assert_eq!(query(), "?q=police", "Enter writes it at once");

    type_into(&search, "Buolamwini", "input");
    settle().await;
    settle_facets().await;
    page.one(".facet[data-facet='source'] .facet-value").click();
    settle().await;
    assert!(
        query().starts_with("?q=Buolamwini&f.source="),
        "a facet click carries the typed query: {}",
        query()
    );
    assert_eq!(search.value(), "Buolamwini");
    assert_eq!(page.text(".search-summary"), "1 of 5 documents");
    sleep(500).await;
    assert!(query().starts_with("?q=Buolamwini&f.source="));

    type_into(&search, "Gebru", "input");
    settle().await;
    let history = web_sys::window().unwrap().history().unwrap();
    history.back().unwrap();
    sleep(100).await;
    settle().await;
    assert_eq!(query(), "?q=police", "Back shows the earlier view");
    assert_eq!(
        search.value(),
        "police",
        "and its query, not the one being typed"
    );
    sleep(500).await;
    assert_eq!(
        query(),
        "?q=police",
        "the abandoned typing is not written later"
    );
}

#[wasm_bindgen_test]
async fn facet_values_filter_the_list_say_what_they_would_leave_and_live_in_the_url() {
    let page = mount("?f.month=2020-11").await;
    settle_facets().await;
    assert_eq!(
        page.all(".doc-row").len(),
        1,
        "a link with a facet opens filtered"
    );
    assert_eq!(page.text(".pane-tab[aria-current]"), "Documents 1 of 5");

    let page = mount("").await;
    settle_facets().await;
    page.one(".month-bar[data-key='2020-06']").click();
    settle().await;
    assert_eq!(query(), "?f.month=2020-06");
    assert_eq!(page.all(".doc-row").len(), 1);
    let undated = page.one(".facet[data-facet='month'] .facet-value[data-key='undated']");
    let would_leave = undated.query_selector(".facet-count").unwrap().unwrap();
    // One June article, and adding the three undated ones (OR within the facet) leaves four.
    assert_eq!(would_leave.text_content().unwrap(), "4");
    undated.click();
    settle().await;
    assert_eq!(query(), "?f.month=2020-06&f.month=undated");
    assert_eq!(page.all(".doc-row").len(), 4);
    assert_eq!(page.all(".chip").len(), 2);

    // Across facets, selections narrow: a type every article names (ORG) changes nothing, and its
    // chip (listed first: chips follow the facets' order) removes it again.
    page.one(".facet[data-facet='type'] .facet-value[data-key='ORG']")
        .click();
    settle().await;
    assert_eq!(query(), "?f.type=ORG&f.month=2020-06&f.month=undated");
    assert_eq!(page.all(".doc-row").len(), 4);
    assert_eq!(page.all(".chip").len(), 3);
    page.one(".chip").click();
    settle().await;
    assert_eq!(query(), "?f.month=2020-06&f.month=undated");

    page.one(".clear-filters").click();
    settle().await;
    assert_eq!(query(), "");
    assert_eq!(page.all(".doc-row").len(), 5);
}

#[wasm_bindgen_test]
async fn the_reader_marks_search_hits_and_n_steps_through_them() {
    let page =
        mount("?q=%22timnit%20gebru%22%20OR%20buolamwini&doc=004_5794830cfb3b6476.txt").await;
    let hits: Vec<String> = page
        .all(".reader-body mark.hit")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    // A phrase is one hit (here inside an entity mention); each word hit is one.
    assert!(hits.contains(&"Timnit Gebru".to_string()), "{hits:?}");
    assert_eq!(hits.len(), 6, "{hits:?}");
    assert_eq!(page.text(".hit-position"), "6 matches");

    press("n");
    settle().await;
    assert_eq!(page.text(".hit-position"), "1 of 6 matches");
    let current = page.one(".reader-body mark.hit.current");
    let at = current.get_attribute("data-at").unwrap();
    assert!(query().ends_with(&format!("&at={at}")), "{}", query());
    press("N");
    settle().await;
    assert_eq!(
        page.text(".hit-position"),
        "6 of 6 matches",
        "N from the first wraps to the last"
    );
    page.one(".hit-next").click();
    settle().await;
    assert_eq!(page.text(".hit-position"), "1 of 6 matches");
}

#[wasm_bindgen_test]
async fn the_concordance_lists_every_match_sorts_by_context_and_opens_the_document_there() {
    let page = mount("?q=police").await;
    page.one(".kwic-open").click();
    settle().await;
    assert_eq!(query(), "?q=police&kwic=");
    assert_eq!(
        page.text(".kwic-summary"),
        "25 matches in 5 of the 5 listed documents"
    );
    assert_eq!(page.all(".kwic-row").len(), 25);

    page.all(".kwic-sort")[1].click();
    settle().await;
    assert_eq!(query(), "?q=police&kwic=&kwic_sort=left");
    let lefts: Vec<String> = page
        .all(".kwic-left")
        .iter()
        .map(|l| {
            let text = l.text_content().unwrap();
            text.split_whitespace().last().unwrap_or("").to_lowercase()
        })
        .collect();
    let mut sorted = lefts.clone();
    sorted.sort();
    assert_eq!(lefts, sorted, "sorted by the word just before the match");

    // Another term over the same listed documents: an entity.
    let term: web_sys::HtmlInputElement = page.one(".kwic-term").unchecked_into();
    term.set_value("entity:Buolamwini");
    term.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let matched: Vec<String> = page
        .all(".kwic-match")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert!(
        !matched.is_empty() && matched.iter().all(|m| m.contains("Buolamwini")),
        "{matched:?}"
    );

    let first = page.one(".kwic-row");
    let doc = first.get_attribute("data-doc").unwrap();
    first.click();
    settle().await;
    assert!(query().contains(&format!("doc={doc}")), "{}", query());
    assert!(query().contains("&at="), "{}", query());
    assert!(page.all(".reader-title").len() == 1);
}

/// Waits (up to two seconds) until `selector` matches something.
async fn wait_for(page: &Mounted, selector: &str) {
    for _ in 0..100 {
        if !page.all(selector).is_empty() {
            return;
        }
        sleep(20).await;
    }
    panic!("nothing matched {selector}");
}

fn pointer(el: &web_sys::Element, kind: &str) {
    let rect = el.get_bounding_client_rect();
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + rect.width() / 2.0) as i32);
    init.set_client_y((rect.top() + rect.height() / 2.0) as i32);
    init.set_pointer_id(1);
    let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_graph_draws_the_listed_entities_and_a_node_click_filters_by_it() {
    let page = mount("?graph=").await;
    wait_for(&page, ".graph-node[data-id='org:amazon']").await;
    assert!(page.text(".graph-status").ends_with("from 5 documents"));
    let amazon = page.one(".graph-node[data-id='org:amazon']");
    let tooltip = amazon.query_selector("title").unwrap().unwrap();
    assert_eq!(
        tooltip.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(tooltip
        .text_content()
        .unwrap()
        .starts_with("Amazon · ORG · "));
    sleep(200).await;
    assert!(
        amazon
            .get_attribute("transform")
            .unwrap_or_default()
            .starts_with("translate("),
        "the layout places the nodes"
    );
    let drawn: String = page
        .all(".graph-edge")
        .iter()
        .map(|p| p.get_attribute("d").unwrap_or_default())
        .collect();
    assert!(drawn.starts_with('M'), "edges are drawn: {drawn}");

    // A click on the line between two nodes shows the sentences naming both.
    let centre = |id: &str| {
        let circle = page.one(&format!(".graph-node[data-id='{id}'] circle"));
        let r = circle.get_bounding_client_rect();
        (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0)
    };
    sleep(1500).await;
    let ((x1, y1), (x2, y2)) = (centre("org:amazon"), centre("product:rekognition"));
    let svg = page.one(".graph-svg");
    for kind in ["pointermove", "pointerdown", "pointerup"] {
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_client_x(((x1 + x2) / 2.0) as i32);
        init.set_client_y(((y1 + y2) / 2.0) as i32);
        svg.dispatch_event(&web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap())
            .unwrap();
        if kind == "pointermove" {
            settle().await;
            assert!(
                page.text(".graph-tooltip")
                    .starts_with("Amazon — Rekognition: 14 times together · association 0.39 · "),
                "hovering a line tells its pair: {}",
                page.text(".graph-tooltip")
            );
        }
    }
    settle().await;
    assert_eq!(query(), "?graph=&g.edge=org%3Aamazon~product%3Arekognition");
    page.one(".edge-evidence .close").click();
    settle().await;
    assert_eq!(query(), "?graph=");

    let circle = amazon.query_selector("circle").unwrap().unwrap();
    pointer(&circle, "pointerdown");
    pointer(&circle, "pointerup");
    settle().await;
    assert_eq!(
        query(),
        "?f.entity=org%3Aamazon&graph=",
        "the corpus filter follows"
    );
    assert_eq!(page.all(".chip").len(), 1);

    // From the keyboard: a focused node toggles the same filter on Enter.
    let amazon = page.one(".graph-node[data-id='org:amazon']");
    amazon.focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let enter =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    amazon.dispatch_event(&enter).unwrap();
    settle().await;
    assert_eq!(query(), "?graph=");
}

#[wasm_bindgen_test]
async fn an_edge_lists_the_sentences_that_drew_it_each_opening_the_reader_there() {
    let page = mount("?graph=&g.edge=person%3Ajoy-buolamwini~person%3Atimnit-gebru").await;
    wait_for(&page, ".edge-evidence").await;
    assert_eq!(
        page.text(".edge-evidence h2"),
        "Joy Buolamwini and Timnit Gebru: 1 passage"
    );
    sleep(300).await;
    let selected = page
        .one(".graph-edge.selected")
        .get_attribute("d")
        .unwrap_or_default();
    assert!(
        selected.starts_with('M'),
        "the edge is drawn apart: {selected:?}"
    );
    let line = page.one(".evidence-line");
    let text = page.text(".evidence-text");
    assert!(
        text.contains("Buolamwini") && text.contains("Timnit Gebru"),
        "{text}"
    );
    let href = line.get_attribute("href").unwrap();
    assert!(href.contains("doc=004_5794830cfb3b6476.txt"), "{href}");
    assert!(href.contains("&at="), "opens at the names: {href}");

    // The table of edges is the same data as text, and reaches every edge's sentences.
    page.one(".edge-table summary").click();
    let first = page.one(".edge-table tbody tr");
    assert_eq!(
        first
            .query_selector("td")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Amazon"
    );
    first
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert!(
        query().ends_with("g.edge=org%3Aamazon~product%3Arekognition"),
        "{}",
        query()
    );
    assert!(page
        .text(".edge-evidence h2")
        .starts_with("Amazon and Rekognition: 14 passages"));
}

#[wasm_bindgen_test]
async fn graph_controls_live_in_the_url_and_an_ego_view_keeps_the_neighbours() {
    let page = mount("?graph=").await;
    wait_for(&page, ".graph-node").await;
    let all = page.all(".graph-node").len();
    page.one(".graph-type.type-place").click();
    settle().await;
    assert_eq!(query(), "?graph=&g.hide=PLACE");
    assert!(page.all(".graph-node[data-id^='place:']").is_empty());
    assert!(page.all(".graph-node").len() < all);

    let find: web_sys::HtmlInputElement = page.one(".graph-find-box").unchecked_into();
    type_into(&find, "gebru", "input");
    settle().await;
    page.one(".graph-match").click();
    settle().await;
    assert_eq!(query(), "?graph=person%3Atimnit-gebru&g.hide=PLACE");
    let mut shown: Vec<String> = page
        .all(".graph-node")
        .iter()
        .map(|n| n.get_attribute("data-id").unwrap())
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            "org:microsoft-research",
            "org:mit-media-lab",
            "person:joy-buolamwini",
            "person:timnit-gebru"
        ],
        "Gebru and those named with her"
    );
    assert!(page.text(".graph-focus").starts_with("Around Timnit Gebru"));

    // The source toggles are the source filter: the graph counts that outlet's articles only.
    let appy = page
        .all(".graph-source")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Appy Pie"))
        .expect("a toggle per source");
    appy.click();
    settle().await;
    assert_eq!(
        query(),
        "?f.source=Appy%20Pie&graph=person%3Atimnit-gebru&g.hide=PLACE"
    );
    assert_eq!(appy.get_attribute("aria-pressed").as_deref(), Some("true"));
    sleep(300).await;
    assert!(
        page.text(".graph-status").ends_with("from 1 document"),
        "{}",
        page.text(".graph-status")
    );
}

#[wasm_bindgen_test]
async fn sources_with_entities_shows_which_outlet_names_whom_and_where() {
    let page =
        mount("?graph=&g.mode=sources&g.edge=source%3AAppy%20Pie~person%3Ajoy-buolamwini").await;
    wait_for(&page, ".graph-node[data-id='source:Appy Pie']").await;
    assert_eq!(page.all(".graph-node[data-id^='source:']").len(), 2);
    wait_for(&page, ".evidence-line").await;
    assert!(
        page.text(".edge-evidence h2")
            .starts_with("Appy Pie and Joy Buolamwini: "),
        "{}",
        page.text(".edge-evidence h2")
    );
    for line in page.all(".evidence-text") {
        assert!(line.text_content().unwrap().contains("Buolamwini"));
    }
    for link in page.all(".evidence-line") {
        assert!(link
            .get_attribute("href")
            .unwrap()
            .contains("doc=004_5794830cfb3b6476.txt"));
    }
}

const STATEMENT_A: &str = "001_3d4b255715acc054.txt";
const STATEMENT_B: &str = "003_116c2fefbf00860c.txt";
const APPY_PIE: &str = "004_5794830cfb3b6476.txt";

/// Waits (up to five seconds) until the text of `selector` contains `wanted`.
async fn wait_for_text(page: &Mounted, selector: &str, wanted: &str) {
    for _ in 0..250 {
        if page
            .all(selector)
            .iter()
            .any(|el| el.text_content().unwrap_or_default().contains(wanted))
        {
            return;
        }
        sleep(20).await;
    }
    panic!("{selector} never said {wanted:?}");
}

/// The side-by-side row whose A side contains `a`.
fn row_with(page: &Mounted, a: &str) -> HtmlElement {
    page.all(".sbs-row")
        .into_iter()
        .find(|row| {
            row.query_selector(".sbs-a")
                .unwrap()
                .and_then(|p| p.text_content())
                .is_some_and(|t| t.contains(a))
        })
        .unwrap_or_else(|| panic!("a row with {a:?} in A"))
}

#[wasm_bindgen_test]
async fn the_overview_shades_every_pair_and_its_strongest_cell_opens_the_two_side_by_side() {
    let page = mount("").await;
    page.one(".welcome-compare").click();
    settle().await;
    assert_eq!(query(), "?cmp=", "the welcome page leads to the comparison");
    wait_for_text(&page, ".heat-progress", "10 pairs compared").await;
    let cells = page.all("a.heat-cell");
    assert_eq!(
        cells.len(),
        20,
        "5 × 4 cells, none for a document with itself"
    );
    let share = |el: &HtmlElement| el.text_content().unwrap().parse::<u32>().unwrap();
    let strongest = cells.iter().max_by_key(|c| share(c)).unwrap();
    let href = strongest.get_attribute("href").unwrap();
    assert!(
        href.contains(STATEMENT_A) && href.contains(APPY_PIE),
        "the two that quote Amazon's statement share the most: {href}"
    );
    strongest.click();
    settle().await;
    assert!(query().contains("c.b="), "{}", query());
    assert!(!page.all(".sbs-row.aligned").is_empty());
}

#[wasm_bindgen_test]
async fn side_by_side_puts_a_paraphrase_on_one_row_and_opens_its_rewording_in_the_url() {
    let page = mount(&format!("?cmp={STATEMENT_A}&c.b={STATEMENT_B}")).await;
    let row = row_with(&page, "We have been in favor of governments");
    assert!(row.class_list().contains("paraphrase"));
    let b = row
        .query_selector(".sbs-b")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(b.starts_with("We’ve advocated that governments"), "{b}");
    let pair = row.get_attribute("data-pair").unwrap();
    row.query_selector(".sbs-link")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert!(query().ends_with(&format!("&c.pair={pair}")), "{}", query());
    let added: Vec<String> = page
        .all(".sbs-diff ins")
        .iter()
        .map(|el| el.text_content().unwrap())
        .collect();
    assert!(added.iter().any(|t| t.starts_with("We’ve")), "{added:?}");

    assert!(!page.all(".sbs-row.unique").is_empty());
    page.one(".hide-unique").click();
    settle().await;
    assert!(page.all(".sbs-row.unique").is_empty());
    assert!(query().contains("c.unique=hide"), "{}", query());
    let pick: web_sys::HtmlSelectElement = page.one(".pick-a").unchecked_into();
    pick.set_value(APPY_PIE);
    pick.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(
        query().starts_with(&format!("?cmp={APPY_PIE}&c.b={STATEMENT_B}")),
        "a third document replaces A: {}",
        query()
    );
    assert!(page.text(".sbs-head .sbs-a").starts_with("A · Appy Pie"));
    let swap = page.one(".swap").get_attribute("href").unwrap();
    assert!(
        swap.contains(&format!("cmp={STATEMENT_B}&c.b={APPY_PIE}")),
        "{swap}"
    );
    assert!(page.text(".overlap-both").contains("Amazon"));
}

#[wasm_bindgen_test]
async fn a_passage_that_meets_two_of_the_other_sides_stands_in_both_rows_the_second_marked_again() {
    // 001's headline and its lead both say what 002's headline says.
    let page = mount(&format!("?cmp={SECOND}&c.b=002_9f2f6bd52789adc0.txt")).await;
    let headline = row_with(&page, "Amazon prohibits the police");
    let lead = row_with(&page, "Amazon will ban the use of its facial recognition");
    let b_of = |row: &HtmlElement| {
        row.query_selector(".sbs-b")
            .unwrap()
            .unwrap()
            .text_content()
    };
    assert_eq!(b_of(&headline), b_of(&lead));
    assert!(!headline.class_list().contains("b-again"));
    assert!(lead.class_list().contains("b-again"));
    let summary = page.text(".compare-summary");
    assert!(
        summary.starts_with("3 aligned pairs (0 verbatim, 3 paraphrased)"),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn a_pair_that_states_different_durations_is_marked_as_a_disagreement() {
    let page = mount(&format!("?cmp={FIRST}&c.b={STATEMENT_B}")).await;
    let said = page.text(".sbs-disagree");
    assert_eq!(said, "≠ duration: two days | a day");
}

#[wasm_bindgen_test]
async fn the_moratorium_statement_is_one_quote_row_with_the_three_documents_that_carry_it() {
    let page = mount("?cmp=").await;
    wait_for(&page, ".quote-table").await;
    let rows: Vec<HtmlElement> = page
        .all(".quote-table tbody tr")
        .into_iter()
        .filter(|r| {
            r.text_content()
                .unwrap()
                .contains("enough time to implement appropriate rules")
        })
        .collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert!(row.text_content().unwrap().contains("— Amazon"));
    let carried = row.query_selector_all("td.carried a").unwrap();
    assert_eq!(carried.length(), 3);
    // The statement set off without marks, and the outlet quoting its last sentence word for word.
    assert_eq!(
        row.query_selector_all("td.carried.verbatim")
            .unwrap()
            .length(),
        2
    );
}

#[wasm_bindgen_test]
async fn one_document_against_the_others_tags_each_sentence_with_those_that_carry_it() {
    let page = mount(&format!("?cmp={STATEMENT_A}")).await;
    wait_for_text(&page, ".against-progress", "Compared with 4 documents.").await;
    let row = page
        .all(".against-row")
        .into_iter()
        .find(|r| {
            r.text_content()
                .unwrap()
                .contains("We have been in favor of governments")
        })
        .expect("the statement's sentence");
    let chips: Vec<String> = (0..row.query_selector_all(".chip").unwrap().length())
        .map(|i| {
            let chip: web_sys::Element = row
                .query_selector_all(".chip")
                .unwrap()
                .get(i)
                .unwrap()
                .unchecked_into();
            chip.get_attribute("href").unwrap()
        })
        .collect();
    assert!(
        chips
            .iter()
            .any(|h| h.contains(&format!("c.b={STATEMENT_B}"))),
        "{chips:?}"
    );
    let sharing = page
        .one(".shared-wording li a")
        .get_attribute("href")
        .unwrap();
    assert!(
        sharing.contains(&format!("c.b={STATEMENT_B}")),
        "003 shares runs of words with 001: {sharing}"
    );
    let pick: web_sys::HtmlSelectElement = page.one(".pick-b").unchecked_into();
    pick.set_value(APPY_PIE);
    pick.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(query(), format!("?cmp={STATEMENT_A}&c.b={APPY_PIE}"));
}

#[wasm_bindgen_test]
async fn the_overview_lists_where_aligned_passages_state_different_durations() {
    let page = mount("?cmp=").await;
    wait_for_text(&page, ".heat-progress", "10 pairs compared").await;
    let items = page.all(".disagreement");
    let found = items
        .iter()
        .find(|d| d.text_content().unwrap().contains("“two days”"))
        .expect("the two-days / a-day disagreement");
    let what = found.query_selector(".disagreement-what").unwrap().unwrap();
    assert!(what.text_content().unwrap().contains("“a day”"));
    assert!(found
        .query_selector(".disagreement-b")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("a day after IBM"));
    let href = what.get_attribute("href").unwrap();
    assert!(
        href.contains(&format!("cmp={FIRST}&c.b={STATEMENT_B}&c.pair=")),
        "{href}"
    );
}

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

/// Chooses `files` in the corpus panel's file picker, as a user would.
async fn choose_files(page: &Mounted, files: &[web_sys::File]) {
    if page.all(".corpus-panel").is_empty() {
        page.one(".corpus-menu").click();
        settle().await;
    }
    let transfer = web_sys::DataTransfer::new().unwrap();
    for file in files {
        transfer.items().add_with_file(file).unwrap();
    }
    let input: web_sys::HtmlInputElement = page.one(".import-files").unchecked_into();
    input.set_files(transfer.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
}

/// Forgets the field mappings remembered from earlier imports (tests share one browser).
fn forget_mappings() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for format in ["json", "jsonl", "csv"] {
        storage
            .remove_item(&format!("parallax.fields.v1.{format}"))
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_batch_with_broken_json_a_binary_and_a_latin_1_file_lands_the_good_ones_and_names_the_bad(
) {
    let page = mount("").await;
    let files = [
        file(
            "good.txt",
            b"Council halts face scans\n\nThe council voted on Tuesday.",
        ),
        file("broken.json", b"{\"title\": \"Half\", \"text\": "),
        file("photo.txt", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2]),
        file(
            "old.txt",
            b"Caf\xe9 owners \x93protest\x94\n\nThe \xe9lite caf\xe9 closed.",
        ),
    ];
    choose_files(&page, &files).await;
    wait_for(&page, ".import-summary").await;
    assert_eq!(
        page.text(".import-headline"),
        "Imported 2 articles from 4 files into “good.txt and 3 more”."
    );
    let problems: Vec<String> = page
        .all(".import-problems li")
        .iter()
        .map(|li| li.text_content().unwrap_or_default())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("photo.txt: binary"), "{problems:?}");
    assert!(
        problems[1].starts_with("broken.json: line 1: malformed JSON"),
        "{problems:?}"
    );
    assert!(page
        .text(".import-summary")
        .contains("read as Windows-1252 (Latin-1): old.txt"));
    assert!(
        query().starts_with("?corpus=c"),
        "the new corpus is shown: {}",
        query()
    );
    let titles: Vec<String> = page
        .all(".doc-title")
        .iter()
        .map(|t| t.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        ["Council halts face scans", "Café owners “protest”"]
    );
    assert!(page
        .texts(".corpus-row > a")
        .contains(&"good.txt and 3 more".to_string()));
}

#[wasm_bindgen_test]
async fn records_with_unusual_field_names_wait_for_the_user_to_say_which_holds_the_text() {
    let page = mount("").await;
    forget_mappings();
    let csv = "Headline,Story,Paper\nPolice pause scans,The police paused face scans on Monday.,The Ledger\n";
    choose_files(&page, &[file("feed.csv", csv.as_bytes())]).await;
    wait_for(&page, ".import-confirm").await;
    let start: web_sys::HtmlButtonElement = page.one(".start-import").unchecked_into();
    assert!(start.disabled(), "no text field chosen yet");
    let headline: web_sys::HtmlSelectElement =
        page.one("select[data-field='Headline']").unchecked_into();
    assert_eq!(headline.value(), "Headline", "detected from its name");
    let text: web_sys::HtmlSelectElement = page.one("select[data-field='Text']").unchecked_into();
    text.set_value("Story");
    text.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let source: web_sys::HtmlSelectElement =
        page.one("select[data-field='Source']").unchecked_into();
    source.set_value("Paper");
    source
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(!start.disabled());
    start.click();
    wait_for(&page, ".import-summary").await;
    assert_eq!(
        page.text(".import-headline"),
        "Imported 1 article from 1 file into “feed.csv”."
    );
    assert_eq!(page.text(".doc-title"), "Police pause scans");
    assert!(
        page.text(".doc-meta").contains("The Ledger"),
        "{}",
        page.text(".doc-meta")
    );
}

#[wasm_bindgen_test]
async fn a_cancelled_import_adds_nothing() {
    let page = mount("").await;
    let lines: String = (0..4000)
        .map(|i| format!("{{\"title\": \"Story {i}\", \"text\": \"Police in town {i} paused face scans after a council vote on Tuesday.\"}}\n"))
        .collect();
    choose_files(&page, &[file("big.jsonl", lines.as_bytes())]).await;
    wait_for(&page, ".import-confirm").await;
    let before = page.texts(".corpus-row > a");
    page.one(".start-import").click();
    settle().await;
    page.one(".import-progress .cancel-import").click();
    wait_for(&page, ".import-summary").await;
    assert_eq!(
        page.text(".import-headline"),
        "Import cancelled: nothing was added."
    );
    assert_eq!(page.texts(".corpus-row > a"), before);
    assert_eq!(query(), "", "still on the seeds");
}

#[wasm_bindgen_test]
async fn the_mapping_chosen_for_a_file_type_is_proposed_again_next_time() {
    let page = mount("").await;
    forget_mappings();
    let csv = "Headline,Story\nFirst,The first story is about police.\n";
    choose_files(&page, &[file("one.csv", csv.as_bytes())]).await;
    wait_for(&page, ".import-confirm").await;
    let text: web_sys::HtmlSelectElement = page.one("select[data-field='Text']").unchecked_into();
    text.set_value("Story");
    text.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    page.one(".start-import").click();
    wait_for(&page, ".import-summary").await;
    let csv = "Headline,Story\nSecond,The second story is about the council.\n";
    choose_files(&page, &[file("two.csv", csv.as_bytes())]).await;
    wait_for(&page, ".import-confirm").await;
    let text: web_sys::HtmlSelectElement = page.one("select[data-field='Text']").unchecked_into();
    assert_eq!(text.value(), "Story", "remembered for CSV files");
    page.one(".import-confirm .cancel-import").click();
    settle().await;
    assert!(page.all(".import-confirm").is_empty());
    mount("").await;
}

#[wasm_bindgen_test]
async fn files_dropped_on_the_page_go_into_the_corpus_chosen_and_known_texts_are_left_out() {
    let page = mount("").await;
    choose_files(
        &page,
        &[file("first.txt", b"First headline\n\nThe first body.")],
    )
    .await;
    wait_for(&page, ".import-summary").await;
    let id = query().trim_start_matches("?corpus=").to_string();
    let into: web_sys::HtmlSelectElement = page.one(".import-into").unchecked_into();
    into.set_value(&id);
    into.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    for f in [
        file("again.txt", b"First headline\n\nThe first body."),
        file("second.txt", b"Second headline\n\nThe second body."),
    ] {
        transfer.items().add_with_file(&f).unwrap();
    }
    let init = web_sys::DragEventInit::new();
    init.set_data_transfer(Some(&transfer));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    page.one(".reader-pane").dispatch_event(&drop).unwrap();
    wait_for_text(&page, ".import-headline", "from 2 files").await;
    assert_eq!(
        page.text(".import-headline"),
        "Imported 1 article from 2 files into “first.txt”."
    );
    assert!(page
        .text(".import-summary")
        .contains("1 article already there (same text), left out."));
    assert_eq!(query(), format!("?corpus={id}"));
    assert_eq!(page.all(".doc-row").len(), 2);
    let into: web_sys::HtmlSelectElement = page.one(".import-into").unchecked_into();
    into.set_value("");
    into.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    mount("").await;
}
