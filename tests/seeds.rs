//! Ingest on the five seed articles: a seed in, the exact facts a careful reader would record out.
#![cfg(not(target_arch = "wasm32"))]

use parallax::boilerplate::BoilerplateKind::{self, *};
use parallax::corpus::Corpus;
use parallax::ingest::{Document, Role};

struct Expect {
    id: &'static str,
    title: &'static str,
    date: Option<&'static str>,
    author: Option<&'static str>,
    outlet: Option<&'static str>,
    /// Each boilerplate block: its kind, its first and its last paragraph.
    boilerplate: &'static [(BoilerplateKind, &'static str, &'static str)],
    /// Paragraphs that look like furniture but are article text.
    body_includes: &'static [&'static str],
}

const SEEDS: [Expect; 5] = [
    Expect {
        id: "000_a8a29ba410e08957.txt",
        title: "Amazon is cutting off US police access to Rekognition, the facial recognition program. What the American giant says",
        date: None,
        author: None,
        outlet: None,
        boilerplate: &[
            (RelatedLinks, "On the same topic:", "Amazon’s stores in France reopen on Tuesday with 30% of employees"),
            (Social, "If you like this article, we expect you to join the community of readers on our Facebook page, through a Like below:", "If you like this article, we expect you to join the community of readers on our Facebook page, through a Like below:"),
            (SourceLink, "Source link", "Source link"),
            (CommentForm, "Please enter your comment!", "Please enter your name here"),
        ],
        body_includes: &["Amazon, which has been providing police facial recognition solutions for several years, has repeatedly refused to take action after several concrete problems were discovered, both in the way it is used by the police and in the way it works. this technology following the training of the algorithm."],
    },
    Expect {
        id: "001_3d4b255715acc054.txt",
        title: "Amazon prohibits the police from using its facial recognition software Rekognition for one year under protests",
        date: Some("2020-11-26"),
        author: Some("Kylo Crowther"),
        outlet: None,
        boilerplate: &[
            (About, "About Kylo Crowther", "Kylo Crowther is a housewife who is fond of social media. She is also a blogger."),
            (RelatedLinks, "Check Also", "(GeekWire Photo / Monica Nickelsburg) The Seattle Police Department announced on Wednesday that officers were …"),
            (CommentForm, "Leave a Reply", "Your email address will not be published. Required fields are marked *"),
        ],
        body_includes: &[
            "Community leaders urged Amazon to stop selling recognition to the police at the company's headquarters in Seattle in 2018. (GeekWire Photo / Monica Nickelsburg)",
            "\"We urge Microsoft and other companies to go to the right side of the story with IBM, Google and Amazon,\" she added.",
        ],
    },
    Expect {
        id: "002_9f2f6bd52789adc0.txt",
        title: "Amazon still bans its facial recognition tool from\u{a0}police",
        date: None,
        author: None,
        outlet: None,
        boilerplate: &[],
        body_includes: &["The deputy director of the American Union for Civil Liberties in the United States, Nathan Wessler, said:"],
    },
    Expect {
        id: "003_116c2fefbf00860c.txt",
        title: "Amazon Halts Use Of 'Racist' Facial Recognition Software By Police",
        date: Some("2020-06-10"),
        author: Some("Tyler Durden"),
        outlet: None,
        boilerplate: &[(RelatedLinks, "Popular posts from this blog", "BMW traps alleged thief by remotely locking him in car")],
        body_includes: &[
            "The problem is, as we detailed previously, for some segments of society, it is wildly inaccurate.",
            "At that point, we are officially trading liberty and privacy for security. As Benjamin Franklin said, “Those who would give up essential Liberty, to purchase a little temporary Safety, deserve neither Liberty nor Safety.”",
        ],
    },
    Expect {
        id: "004_5794830cfb3b6476.txt",
        title: "Amazon’s facial recognition loopholes ban police from using it",
        date: None,
        author: None,
        outlet: Some("Appy Pie"),
        boilerplate: &[],
        body_includes: &["After many activists and researchers like Buolamwini highlighted the pitfalls of police using facial recognition technology like Rekognition government departments begun discontinuing contracts with Amazon. Google and IBM have decided to exit the face recognition marketplace."],
    },
];

fn doc<'a>(corpus: &'a Corpus, id: &str) -> &'a Document {
    corpus.get(id).unwrap_or_else(|| panic!("{id} is embedded"))
}

#[test]
fn every_seed_is_embedded_in_file_name_order() {
    let corpus = Corpus::embedded();
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, SEEDS.map(|s| s.id));
}

#[test]
fn the_seeds_exported_as_articles_analyse_to_the_same_documents() {
    for doc in &Corpus::embedded().documents {
        assert_eq!(
            &parallax::import::Article::of(doc).analyze(),
            doc,
            "{}",
            doc.id
        );
    }
}

#[test]
fn title_date_author_and_outlet_of_every_seed() {
    let corpus = Corpus::embedded();
    for seed in &SEEDS {
        let d = doc(&corpus, seed.id);
        assert_eq!(d.title, seed.title, "title of {}", seed.id);
        assert_eq!(
            d.date.map(|x| x.to_string()).as_deref(),
            seed.date,
            "date of {}",
            seed.id
        );
        assert_eq!(d.author.as_deref(), seed.author, "author of {}", seed.id);
        assert_eq!(d.outlet.as_deref(), seed.outlet, "outlet of {}", seed.id);
    }
}

#[test]
fn every_boilerplate_block_is_found_and_nothing_else() {
    let corpus = Corpus::embedded();
    for seed in &SEEDS {
        let d = doc(&corpus, seed.id);
        let found: Vec<(BoilerplateKind, &str, &str)> = d
            .boilerplate_runs()
            .iter()
            .map(|run| {
                let first = d.block_text(&d.blocks[run.blocks.0]);
                let last = d.block_text(&d.blocks[run.blocks.1 - 1]);
                (run.kind, first, last)
            })
            .collect();
        assert_eq!(found, seed.boilerplate, "boilerplate of {}", seed.id);
    }
}

#[test]
fn furniture_lookalikes_stay_in_the_body() {
    let corpus = Corpus::embedded();
    for seed in &SEEDS {
        let d = doc(&corpus, seed.id);
        for text in seed.body_includes {
            let block = d.blocks.iter().find(|b| d.block_text(b) == *text);
            assert_eq!(
                block.map(|b| b.role),
                Some(Role::Body),
                "{text:?} in {}",
                seed.id
            );
        }
    }
}

#[test]
fn headers_are_the_opening_lines_only() {
    let corpus = Corpus::embedded();
    let header_roles = |id: &str| -> Vec<Role> {
        doc(&corpus, id)
            .blocks
            .iter()
            .map(|b| b.role)
            .take_while(|r| r.is_header())
            .collect()
    };
    assert_eq!(header_roles("000_a8a29ba410e08957.txt"), [Role::Title]);
    assert_eq!(
        header_roles("001_3d4b255715acc054.txt"),
        [Role::Dateline, Role::Title]
    );
    assert_eq!(
        header_roles("003_116c2fefbf00860c.txt"),
        [Role::Title, Role::TitleRepeat, Role::Byline]
    );
    assert_eq!(
        header_roles("004_5794830cfb3b6476.txt"),
        [Role::Title, Role::TitleRepeat]
    );
    for d in &corpus.documents {
        let after_header = d.blocks.iter().skip_while(|b| b.role.is_header());
        assert!(
            after_header.clone().all(|b| !b.role.is_header()),
            "no header line inside {}",
            d.id
        );
    }
}

#[test]
fn spans_index_the_original_file_bytes() {
    let corpus = Corpus::embedded();
    for d in &corpus.documents {
        let original = std::fs::read_to_string(format!("corpus/{}", d.id)).unwrap();
        assert_eq!(d.text, original, "{} is kept byte for byte", d.id);
        for b in &d.blocks {
            let text = &original[b.span.start..b.span.end];
            assert_eq!(text, text.trim(), "paragraphs are trimmed");
            assert!(!text.is_empty());
        }
        let title = d.title_span.map(|s| s.of(&original));
        assert_eq!(
            title,
            Some(d.title.as_str()),
            "title of {} points at its headline",
            d.id
        );
    }
}

#[test]
fn word_counts_cover_the_body_only() {
    let corpus = Corpus::embedded();
    let words: Vec<usize> = corpus.documents.iter().map(|d| d.words).collect();
    // Body text only; boilerplate, datelines, bylines and repeated headlines are not counted.
    assert_eq!(words, [270, 357, 383, 794, 463]);
}

#[test]
fn the_embedded_manifest_parses_if_there_is_one() {
    if let Some(json) = Corpus::embedded_manifest() {
        parallax::manifest::Manifest::parse(json).expect("corpus/manifest.json is valid");
    }
}

/// Made-up articles that exercise the same rules in other words, so the rules are not the seeds'.
mod made_up {
    use super::*;
    use parallax::ingest::analyze;

    const WIRE_STORY: &str = "\
Posted on: March 3, 2021\n\
\n\
City council votes to end police face scanning\n\
\n\
City council votes to end police face scanning — The Riverside Ledger\n\
\n\
Written by Maria José Alvarez and Tom O'Neill\n\
\n\
The council voted 7-2 on Tuesday to end the police department's contract with a face recognition vendor.\n\
\n\
\"We heard from residents who were wrongly stopped,\" said council member Dana Ito.\n\
\n\
Related articles\n\
\n\
Police union criticises council vote\n\
\n\
What face recognition gets wrong, explained\n\
\n\
Follow us on Instagram and share your views\n\
\n\
© 2021 Riverside Ledger. All rights reserved.\n\
\n\
3 Comments\n\
\n\
Add a comment\n";

    #[test]
    fn a_wire_story_with_all_the_furniture() {
        let d = analyze("wire.txt", WIRE_STORY);
        assert_eq!(d.title, "City council votes to end police face scanning");
        assert_eq!(d.date.unwrap().to_string(), "2021-03-03");
        assert_eq!(d.author.as_deref(), Some("Maria José Alvarez, Tom O'Neill"));
        assert_eq!(d.outlet.as_deref(), Some("The Riverside Ledger"));
        let kinds: Vec<BoilerplateKind> = d.boilerplate_runs().iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RelatedLinks, Social, Legal, CommentForm]);
        let body: Vec<&str> = d.body().map(|b| d.block_text(b)).collect();
        assert_eq!(body.len(), 2);
        assert!(body[1].ends_with("said council member Dana Ito."));
    }

    const BLOG_POST: &str = "\
Why the face recognition pause matters\n\
\n\
The pause covers local police but not federal agencies, a gap critics were quick to point out.\n\
\n\
It also leaves open what happens when the year is up.\n\
\n\
About the author\n\
\n\
Priya Raman is a technology writer. She has covered surveillance since 2015.\n\
\n\
You may also like\n\
\n\
Inside the fight over police surveillance tech\n\
\n\
How one city banned face scanning…\n";

    #[test]
    fn a_blog_post_with_an_author_box_and_no_byline() {
        let d = analyze("blog.md", BLOG_POST);
        assert_eq!(d.title, "Why the face recognition pause matters");
        assert_eq!(d.date, None);
        assert_eq!(d.author.as_deref(), Some("Priya Raman"));
        assert_eq!(d.outlet, None);
        let kinds: Vec<BoilerplateKind> = d.boilerplate_runs().iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [About, RelatedLinks]);
        assert_eq!(d.body().count(), 2);
    }
}

/// The facts the outlets disagree on: how long after IBM, and how long the moratorium lasts.
#[test]
fn the_facts_the_seeds_disagree_on() {
    use parallax::facts::{extract_facts, FactKind};
    let corpus = Corpus::embedded();
    let durations = |id: &str| -> Vec<String> {
        let d = doc(&corpus, id);
        extract_facts(d)
            .into_iter()
            .filter(|f| f.kind == FactKind::Duration && d.blocks[f.block].role == Role::Body)
            .map(|f| f.value)
            .collect()
    };
    assert_eq!(durations("000_a8a29ba410e08957.txt"), ["1 year", "2 day"]);
    assert_eq!(
        durations("002_9f2f6bd52789adc0.txt"),
        ["1 year", "indefinite"]
    );
    assert!(durations("003_116c2fefbf00860c.txt").starts_with(&["1 day".to_string()]));
    assert!(durations("003_116c2fefbf00860c.txt").contains(&"12 month".to_string()));
}

/// The seed corpus's entities as a careful reader would list them: one per real-world entity,
/// however the outlets spell it.
#[test]
fn the_seed_entities_one_per_real_world_entity() {
    use parallax::entities::resolve;
    use parallax::mentions::EntityType::{self, *};
    let corpus = Corpus::embedded();
    let index = resolve(&corpus);
    let entity = |id: &str| index.get(id).unwrap_or_else(|| panic!("{id} is an entity"));
    let expect = |id: &str, name: &str, kind: EntityType, aliases: &[&str]| {
        let e = entity(id);
        assert_eq!((e.name.as_str(), e.kind), (name, kind), "{id}");
        for alias in aliases {
            assert!(
                e.aliases.iter().any(|a| a == alias),
                "{id} is also written {alias:?}: {:?}",
                e.aliases
            );
        }
    };
    expect("org:amazon", "Amazon", Org, &[]);
    expect("product:rekognition", "Rekognition", Product, &[]);
    expect("person:jeff-bezos", "Jeff Bezos", Person, &["Bezos"]);
    expect(
        "place:united-states",
        "United States",
        Place,
        &["US", "America"],
    );
    expect(
        "org:american-union-for-civil-liberties",
        "American Union for Civil Liberties",
        Org,
        &["ACLU"],
    );
    expect(
        "org:amazon-web-services",
        "Amazon Web Services",
        Org,
        &["AWS"],
    );
    expect(
        "person:joy-buolamwini",
        "Joy Buolamwini",
        Person,
        &["Buolamwini"],
    );
    expect("org:geekwire", "GeekWire", Org, &[]);
    expect(
        "person:monica-nickelsburg",
        "Monica Nickelsburg",
        Person,
        &[],
    );
    expect("person:tashida-tlaib", "Tashida Tlaib", Person, &[]);
    assert_eq!(
        entity("org:aclu-of-northern-california").parent.as_deref(),
        Some("org:american-union-for-civil-liberties"),
        "a chapter links to its parent"
    );
    let gebry = &index.suggestions;
    assert_eq!(gebry.len(), 1);
    assert_eq!(
        (gebry[0].entity.as_str(), gebry[0].into.as_str()),
        ("person:gebry", "person:timnit-gebru")
    );
    // Nothing that is not a name: no entity is made only of capitalised common words or credits.
    for bad in ["Photo", "Criticism", "Groups", "Liberty", "Please", "Rep"] {
        assert!(
            index
                .entities
                .iter()
                .all(|e| !e.name.split(' ').any(|w| w == bad)),
            "{bad} is not part of any entity name"
        );
    }
}
