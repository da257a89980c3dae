<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChartExport</name>
    <message>
        <source>Cannot write the chart to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chart has no size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the chart: no file name given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the scale must be at least 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chart could not be drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart exported by SeViLA Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SVG could not be started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Displays help on commandline options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetKeyframesCommand</name>
    <message>
        <source>Clear keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept model keyframes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetLabelNoteCommand</name>
    <message>
        <source>Edit note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetLabelStateCommand</name>
    <message>
        <source>Mark label confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark label unsure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetReviewCommand</name>
    <message>
        <source>Accept label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetWindowsCommand</name>
    <message>
        <source>Add relevant window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove relevant window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToggleKeyframeCommand</name>
    <message>
        <source>Toggle keyframe %1 (frame %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run SeViLA on videos and correct its keyframes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language (en, zh_CN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A video to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report on stderr every time the window stops responding for 100 ms or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the bundled demo: generated shapes videos and a small model trained on such videos.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::studio::EngineErrors</name>
    <message>
        <source>no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a directory, not a video file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the copy or download may have failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FFmpeg cannot read it as a video (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check that the file is a complete video in a format FFmpeg knows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the stream information (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file may be truncated or damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FFmpeg has no decoder for this video codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-encode the video, e.g. to H.264</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has no video stream (audio only?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a file with pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the decoder keeps failing (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening took longer than %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading took longer than %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no picture could be decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the video stream is empty or corrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the video has no decoded frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled while indexing frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the model configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a model directory holds config.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the model configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds neither model.safetensors nor model.safetensors.index.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tokenizer: the folder has no spiece.model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose the tokenizer (spiece.model) in Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the tokenizer model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the tokenizer model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a SentencePiece model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the checkpoint has no entry &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the checkpoint holds no tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the path and its permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected NExT-QA&apos;s csv with a header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broken header: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an integer, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate qid &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer index %1 outside 0-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown dataset kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::studio::MainWindow</name>
    <message>
        <source>SeViLA Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SeViLA Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video “%1” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2×%3 · %4 fps · %5 frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.webm *.avi *.mov *.ogv *.mpg *.mpeg *.flv *.wmv *.m4v);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SeViLA Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;SeViLA Studio %1&lt;/h3&gt;&lt;p&gt;Runs SeViLA (Self-Chained Image-Language Model for Video Localization and Question Answering; Yu, Cho, Yadav, Bansal, NeurIPS 2023) on real videos: see where the Localizer looks, what the Answerer answers, and correct its keyframes.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Toggle Human Keyframe at Playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept the Model&apos;s Keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Human Keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-answer with Human Keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;revious Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forward 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · zero-shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a video first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Keyframe Labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Keyframe Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframe labels (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Keyframe Labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Keyframe Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n label(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show Yes-&amp;Logit Instead of Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences and Shortcuts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;revious Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes at the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) loaded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent Pro&amp;jects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute &amp;Baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuttle &amp;Backwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuttle Pa&amp;use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuttle For&amp;wards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SeViLA projects (*.sevila)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels.sevila</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists: opened it (projects are never overwritten)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SeViLA projects (*.sevila);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframe labels are being imported or exported; try again when it is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing keyframe labels from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting keyframe labels to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n label(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Keyframe labels are being imported; edit them when it is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project “%1” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the dataset %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels not shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing the keyframe label import or export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model first (File › Open Model…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The re-answer failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The question could not be answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change could not be saved in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No label was imported; the project keeps what it had.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyframe labels could not be exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframe labels are being imported or exported; open the project when it is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model loaded with a warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the question first: keyframes are chosen among its sampled frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Human keyframe removed: sample %1 of %2 (frame %3, %4 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Human keyframe added: sample %1 of %2 (frame %3, %4 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;un the Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to run: open a model and a video, and complete the question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous &amp;Keyframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next K&amp;eyframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to Frame or Time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Frame or Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame number (120), seconds (4.5 s) or time (1:02.5):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a frame or a time of this video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keyframe after the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keyframe before the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels are now recorded as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a video (File ▸ Open Video…, %1) or drop one here.
Then open a model (File ▸ Open Model…), type a question and run it (%2).
New here? Start sevila-studio --demo. %3 lists every shortcut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That run is no longer in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering %1 · %2 of %3 · %4 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent Data&amp;sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Score Timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answer Chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator A&amp;greement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the &amp;Dataset&apos;s Shown Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Answering Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is answering the dataset&apos;s items; stop that first (Dataset panel ▸ Stop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score-timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Score Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Answer Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset first (File ▸ Open Dataset…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset&apos;s items are already being answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the question in progress, or cancel it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item is shown: change the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Answering %n item(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Answering %n item(s) into %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Answering stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset&apos;s items could not be answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 answered, %2 already answered, %3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1 answered, %2 already answered, %3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project: %1 · every author&apos;s keyframe labels, frame by frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s labels could not be compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refinement stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refine the Localizer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;Refinement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 questions trained, %2 held out; %3 epochs.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th&gt;before&lt;/th&gt;&lt;th&gt;after&lt;/th&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;keyframe hit rate&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;answer accuracy&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Checkpoint: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refinement is running already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refinement needs a project: its labels train the model and its versions keep the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model first: it is the version the refinement starts from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one label source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pseudo-labels and windows need an open dataset (File ▸ Open Dataset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the refined model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refining the Localizer from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refined model is in %1, but the project could not record it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refined %1 (cancelled after %2 epochs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refined %1 (%2 epochs, %3 questions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 epochs: the checkpoint saved then is kept as version &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project could not record the model version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No versions yet: open a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refinement is running: switch versions when it has finished, or cancel it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model is loading; try again when it has loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such model version in this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompare with Another Version&apos;s Results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Comparing with %1: %n question(s) in both</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shares no answered question with this dataset&apos;s results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · demo model trained on synthetic videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo model trained on synthetic videos: it knows coloured shapes on a dark stage, nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions are answered by %1 (Preferences ▸ Backend)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms round trip (model %2 ms, server queue %3 ms, network %4 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered by the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions are answered on this computer again: open a model (File ▸ Open Model…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That version is not on this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more of its video</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sevila::studio::OpenDatasetDialog</name>
    <message>
        <source>Open Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Annotations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotation File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotations (*.csv *.json *.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Videos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: results.jsonl of sevila run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::studio::OpenModelDialog</name>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Hugging Face BLIP-2 directory (e.g. Salesforce/blip2-flan-t5-xl: config.json, *.safetensors, spiece.model) and, optionally, a SeViLA checkpoint (.pth). Without a checkpoint both roles are zero-shot BLIP-2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BLIP-2 model directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (zero-shot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BLIP-2 Model Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SeViLA &amp;checkpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SeViLA Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pth *.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA (first GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spiece.model in the model directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T5 Tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SentencePiece models (*.model);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the BLIP-2 model folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder has no config.json: it is not a BLIP-2 model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SeViLA checkpoint does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder has no spiece.model: choose the tokenizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::studio::RefinementController</name>
    <message>
        <source>A refinement is running already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading a copy of the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering the held-out questions (before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering the held-out questions (after)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelling the frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before the first step: no checkpoint was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before training started: nothing was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading the labels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::studio::RunSession</name>
    <message>
        <source>Could not save the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle keyframe %1 (frame %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the model&apos;s keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear human keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is %1&apos;s label: you can review it, not edit it. Choose your own name above the keyframes to edit yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relevant windows are kept in a project: open or create one first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::AgreementDialog</name>
    <message>
        <source>Annotator Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotator B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No two annotators labelled the same item yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames compared: the sampled frames of the items both annotators labelled; “Both yes” are frames both marked as keyframes, “Only A” frames only A marked. Cohen&apos;s κ is the agreement corrected for chance: 1 = perfect, 0 = no better than chance, below 0 = worse. Landis &amp; Koch: &lt;0.4 poor, 0.4–0.6 moderate, 0.6–0.8 substantial, &gt;0.8 almost perfect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undefined: too few frames, or one annotator marked all or none of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor agreement (Landis &amp; Koch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate agreement (Landis &amp; Koch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substantial agreement (Landis &amp; Koch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Almost perfect agreement (Landis &amp; Koch)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::AnswerPanel</name>
    <message>
        <source>model keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>human keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer: %1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (wrong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute &amp;Baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper&apos;s baselines on this video: BLIP-2 concat on k uniform frames, voting over the single-frame answers, and the oracle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (wrong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BLIP-2 concat, k uniform frames: %1 (p = %2)%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BLIP-2 voting over the sampled frames: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oracle, any single frame right: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the baselines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With human keyframes: %1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2  %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ConfidenceHistogram</name>
    <message numerus="yes">
        <source>confidence %1–%2
%n wrong</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n right</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a ground truth</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Click: show only these items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ground truth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence of the model&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence histogram</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::DatasetBrowser</name>
    <message>
        <source>&amp;Wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Low confidence &lt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Human ≠ model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlabelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search question or qid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items the model answered wrongly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items whose answer probability is below the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low-confidence threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only labelled items where the human keyframes differ from the model&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items without human keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a saved filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current filters under a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the chosen saved filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the confidence range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy of the items shown: an item counts as answered when both the model&apos;s answer and the ground truth are known. Per question type (NExT-QA: CW/CH causal why/how, TN/TC/TP temporal next/current/previous, DL/DC/DO descriptive location/count/other).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy of the items shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy: no item shown has both an answer and a ground truth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy %1 % (%2 of %3 answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 % (%3/%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence %1–%2 ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the current filters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the other version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items %1 answered wrongly and %2 answers rightly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items %1 answered rightly and %2 answers wrongly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer &amp;changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only items where %1 and %2 give different answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fixed, %2 broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to share the height between the table and the histogram; drag to the bottom to hide the histogram</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::DatasetTableModel</name>
    <message>
        <source>right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2
video: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlap of the human keyframes and the model&apos;s (intersection over union)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right/wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ground-truth answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability of the model&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A human labelled keyframes for this item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A frame of the item&apos;s video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item&apos;s question id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question type (NExT-QA: CW/CH causal why/how, TN/TC/TP temporal next/current/previous, DL/DC/DO descriptive location/count/other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item&apos;s video id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the other version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2 (confidence %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % of the model&apos;s keyframes changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: %1
Its answer (✓ right, ✗ wrong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After: %1
The model&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 to %2: fixed (wrong, now right), broken (right, now wrong) or changed (another answer)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::KeyframeStrip</name>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model + human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2 s
P(yes|yes,no) %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::LabelDetails</name>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is this label certain? Unsure labels can be left out of training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on this label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No label: run a question first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no label yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s label, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose label to show: yours, or another annotator&apos;s to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no label yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s label: you can review it, not edit it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one has reviewed your label yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set your annotator name to review labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only another annotator&apos;s label can be reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept %1&apos;s label (click again to withdraw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject %1&apos;s label (click again to withdraw)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::LossCurve</name>
    <message>
        <source>Step %1: loss %2, moving average %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moving average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loss appears here once training starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis, so late small changes stay visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::PresentationView</name>
    <message>
        <source>Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No video frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframe %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::QuestionPanel</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What does the person do after picking up the cup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground truth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames n sampled uniformly for the Localizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframes k handed to the Answerer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames (n):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframes (k):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the Localizer and the Answerer (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::RefinementDialog</name>
    <message>
        <source>Refine the Localizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources are merged per question: your confirmed keyframes replace that item&apos;s pseudo-labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Held out:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model version training starts from; the refined model becomes a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where training runs; at the real model size a GPU is the practical choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training questions (the paper uses 5 to 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixes the shuffling, the frames drawn and the held-out split: the same seed gives the same run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share of the labelled questions kept out of training, to compare the model before and after on questions it did not learn from; 0 trains on all and skips the comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains the Localizer&apos;s Q-Former, query tokens, projection and vision layer norm. The ViT and Flan-T5 stay frozen, and the Answerer is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops after the current step; the last saved checkpoint is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use the refined model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with the refined Localizer from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your confirmed keyframes: %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n label(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>On a labelled item its keyframes are &quot;yes&quot; and its other sampled frames &quot;no&quot;; unsure labels are left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your confirmed keyframes: none in this project yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No confirmed keyframes in this project yet: mark keyframes with M</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reverse-chain pseudo-labels: %n question(s) of %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>SeViLA&apos;s reverse chain on the questions of %1 with a ground truth: the frozen Answerer answers from each frame alone, and a frame is a keyframe where that answer is right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse-chain pseudo-labels: no ground truth in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open dataset has no ground truth answers: the reverse chain needs them to tell which frames answer right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse-chain pseudo-labels: no dataset open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset is open: open a split with its ground truth answers (File ▸ Open Dataset…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Relevant windows: %n question(s) of %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Relevant windows of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A frame is a keyframe when its time lies inside one of the question&apos;s annotated relevant windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relevant windows: QVHighlights only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only QVHighlights annotates relevant windows: open a QVHighlights split to train on them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one label source to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model first (File ▸ Open Model…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hides this window; the run goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: finishing the current step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 elapsed · ETA %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peak learning rate. 3e-05 is the paper&apos;s, for a model pre-trained at scale; a small model trained from scratch, such as the demo&apos;s, may need a larger one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Frames:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random in each interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniform, cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random: each epoch draws new frames within the 32 intervals, as the paper does, and encodes them again. Uniform: the same frames every epoch, their image features read from the cache, so epochs after the first are much faster</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::RunHistory</name>
    <message>
        <source>%1 (truth %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right/wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs of this item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs of this item yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::SampledFrameStrip</name>
    <message>
        <source>%1 · %2 s
P(yes) %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1 of %2 · frame %3 · %4 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(yes | yes, no) %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model keyframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>human keyframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single frame answers right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single frame answers wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click: go to this sample · Double-click or M: mark/unmark as a human keyframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sampled frames of a run appear here: run a question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampled frames</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ScoreTimeline</name>
    <message>
        <source>time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Localizer score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>human keyframes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single frame answers right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single frame answers wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes-logit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(yes | yes, no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the y-axis to the scores, or show the whole 0–1 range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the zoom: show the whole video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame %1 (sample %2)
%3 s
%4 %5
click: seek · Ctrl+click: toggle human keyframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click: seek · Ctrl+click: toggle a human keyframe · wheel: zoom · drag: pan · Shift+drag: mark a relevant span · Shift+click a span: remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relevant windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click: seek · Ctrl+click: toggle a human keyframe · wheel: zoom · drag: pan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the model runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>32-bit float (f32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bfloat16 (bf16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16-bit float (f16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower precision is faster on a GPU; on the CPU use f32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames n sampled uniformly for the Localizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframes k handed to the Answerer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default cache folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest cached features are removed beyond this size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Frames (n):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyframes (k):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size &amp;cap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two actions share a shortcut. Change one of them before pressing OK:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature cache folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer each sampled frame alone with every run (the &amp;oracle strip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the ground truth is known: n more Answerer passes per run. Turn off on a slow CPU; Compute Baselines still gives them on demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your keyframe labels are recorded under this name; each annotator has their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Annotator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (in-process)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server (sevila serve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address sevila serve prints when it starts (https:// with TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (a server on this computer without tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file whose first line is one of the server&apos;s tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One LOCAL_FOLDER=ROOT per line: the server reads this computer&apos;s videos under LOCAL_FOLDER from its video root ROOT (a shared disk). Only the question and the video&apos;s name are sent; labels stay here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answer on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folders:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s address starts with http:// or https:// (e.g. http://gpu-box:8765).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a folder mapping: write LOCAL_FOLDER=ROOT, one per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload the sampled frames of videos outside these folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers on the frames this computer decodes (lossless, at the model&apos;s size), sent once per video; off: such videos are refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ShortcutEditor</name>
    <message>
        <source>Filter actions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;all to defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also used by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicting shortcuts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ShortcutSheet</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::TransportBar</name>
    <message>
        <source>Play or pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to any frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame on screen and its time; type a frame, seconds (4.5 s) or a time (1:02.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the loop&apos;s start at the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the loop&apos;s end at the playhead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the region between A and B over and over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop start: frame %1 (click to move it to the playhead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop end: frame %1 (click to move it to the playhead)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sevila::widgets::VideoView</name>
    <message>
        <source>Open a video (File ▸ Open Video…) or drop one here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
