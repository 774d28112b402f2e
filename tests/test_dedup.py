import json

from analysis.dedup import NearDuplicateIndex, find_near_duplicates, shingles, signature_values

BASE = ("Russia will not pause its military operation in Ukraine for subsequent rounds of peace talks, "
        "the foreign minister said on Monday. Officials say peace talks are not progressing as rapidly as "
        "they would like and have accused the West of trying to derail negotiations. The minister said he "
        "saw no reason not to continue talks but insisted Moscow would not halt its operation.")


LONG = BASE + " " + " ".join(f"Paragraph {i} reports another detail number {i * 7} from the front." for i in range(40))


def test_near_identical_copy_is_a_duplicate_of_the_first():
    copy = "Updated headline\n" + LONG.replace("Monday", "Monday afternoon")
    dups = find_near_duplicates([("a", LONG), ("b", copy)])
    assert list(dups) == ["b"] and dups["b"][0] == "a" and dups["b"][1] >= 0.85


def test_articles_sharing_a_paragraph_both_stay():
    other = ("A different report about refugees crossing into Poland and Moldova, with long queues at the border "
             "and volunteers handing out food and blankets to families arriving from the east of the country. ")
    first = BASE + " " + other * 2
    second = BASE + " " + other.replace("refugees", "students").replace("Poland", "Romania") + (
        "The aid groups warned of shortages in the coming weeks as the numbers kept rising sharply.")
    assert find_near_duplicates([("a", first), ("b", second)]) == {}


def test_shingles_of_short_text():
    assert shingles("Two words") == {"two words"}
    assert shingles("") == set()


def test_streaming_index_with_cached_signatures_matches_batch_detection():
    copy = "Updated headline\n" + LONG.replace("Monday", "Monday afternoon")
    other = BASE.replace("Russia", "Belarus") + " A completely different continuation about grain exports and ports."
    docs = [("a", LONG), ("b", other), ("c", copy), ("d", copy + " One more line.")]
    index = NearDuplicateIndex()
    streamed = {}
    for doc_id, text in docs:
        signature = json.loads(json.dumps(signature_values(text)))  # as the cache stores it
        found = index.offer(doc_id, signature)
        if found:
            streamed[doc_id] = found
    assert streamed == find_near_duplicates(docs)
    assert set(streamed) == {"c", "d"} and streamed["c"][0] == "a"
