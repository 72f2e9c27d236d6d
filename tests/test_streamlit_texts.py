"""Streamlit's own English texts (file uploader, input hints) drawn in the user's language with CSS."""

from __future__ import annotations

import pytest

from uhc.ui import widgets

DROPZONE = ".st-key-data_upload_coverage_0 [data-testid='stFileUploaderDropzone']"


def test_the_uploader_s_button_limit_and_drop_hint_in_indonesian():
    css = widgets.uploader_css("data_upload_coverage_0", 50, ["csv", "txt", "xlsx"], "id").split("\n")

    assert css == [
        f"{DROPZONE} button [data-testid='stMarkdownContainer'] p {{display: none}} "
        f"{DROPZONE} button [data-testid='stMarkdownContainer']::after {{content: \"Unggah\"}}",
        f"{DROPZONE} [data-testid='stFileUploaderDropzoneInstructions'] span {{font-size: 0; visibility: hidden}} "
        f"{DROPZONE} [data-testid='stFileUploaderDropzoneInstructions'] span::after "
        '{content: "Paling besar 50 MB per berkas • CSV, TXT, XLSX"; font-size: 0.875rem; visibility: visible}',
        f"{DROPZONE} > div > span:only-child {{font-size: 0; visibility: hidden}} "
        f"{DROPZONE} > div > span:only-child::after "
        '{content: "Letakkan berkas di sini"; font-size: 0.875rem; visibility: visible}',
    ]


def test_the_uploader_in_english_and_without_types():
    css = widgets.uploader_css("branding_logo", 8, [], "en")

    assert 'content: "Upload"' in css
    assert 'content: "8 MB per file"' in css  # no " • " without types
    assert 'content: "Drag and drop a file here"' in css
    assert css.count(".st-key-branding_logo [data-testid='stFileUploaderDropzone']") == 6


def test_input_hints_say_apply_and_in_a_form_submit():
    assert widgets.input_hints_css("id").split("\n") == [
        "[data-testid='InputInstructions'] > span {display: none} "
        "[data-testid='InputInstructions']::after {content: \"Tekan Enter untuk menerapkan\"}",
        "[data-testid='stForm'] [data-testid='InputInstructions']::after {content: \"Tekan Enter untuk mengirim\"}",
    ]
    assert 'content: "Press Enter to submit form"' in widgets.input_hints_css("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unggah", '"Unggah"'),
        ("Paling besar 50 MB • CSV", '"Paling besar 50 MB • CSV"'),
        ('say "hi"', '"say \\22 hi\\22 "'),  # a quote would end the string
        ("a\\b", '"a\\5c b"'),
        ("</style><script>", '"\\3c /style\\3e \\3c script\\3e "'),  # cannot leave the <style> element
        ("two\nlines", '"two\\a lines"'),
        ("Kab. Kubu Raya’s", '"Kab. Kubu Raya\\2019 s"'),
    ],
)
def test_css_strings_are_escaped(text, expected):
    assert widgets.css_string(text) == expected


@pytest.mark.parametrize("key", ["a b", "x{color:red}", "k'ey", ""])
def test_an_uploader_key_that_css_cannot_name_is_refused(key):
    with pytest.raises(ValueError, match="uploader key"):
        widgets.uploader_css(key, 50, ["csv"], "id")
