<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartExport</name>
    <message>
        <source>Cannot write the chart to %1: %2</source>
        <translation>无法将图表写入 %1：%2</translation>
    </message>
    <message>
        <source>there is no chart</source>
        <translation>没有图表</translation>
    </message>
    <message>
        <source>the chart has no size</source>
        <translation>图表没有尺寸</translation>
    </message>
    <message>
        <source>Cannot write the chart: no file name given</source>
        <translation>无法写入图表：未给出文件名</translation>
    </message>
    <message>
        <source>the scale must be at least 1</source>
        <translation>缩放倍数必须至少为 1</translation>
    </message>
    <message>
        <source>the chart could not be drawn</source>
        <translation>无法绘制图表</translation>
    </message>
    <message>
        <source>Chart exported by SeViLA Studio</source>
        <translation>由 SeViLA Studio 导出的图表</translation>
    </message>
    <message>
        <source>the SVG could not be started</source>
        <translation>无法开始写入 SVG</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>在命令行选项上显示帮助。</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>参数：</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>SetKeyframesCommand</name>
    <message>
        <source>Clear keyframes</source>
        <translation>清除关键帧</translation>
    </message>
    <message>
        <source>Accept model keyframes</source>
        <translation>接受模型关键帧</translation>
    </message>
</context>
<context>
    <name>SetLabelNoteCommand</name>
    <message>
        <source>Edit note</source>
        <translation>编辑备注</translation>
    </message>
</context>
<context>
    <name>SetLabelStateCommand</name>
    <message>
        <source>Mark label confirmed</source>
        <translation>标记为已确认</translation>
    </message>
    <message>
        <source>Mark label unsure</source>
        <translation>标记为不确定</translation>
    </message>
</context>
<context>
    <name>SetReviewCommand</name>
    <message>
        <source>Accept label</source>
        <translation>接受标注</translation>
    </message>
    <message>
        <source>Reject label</source>
        <translation>拒绝标注</translation>
    </message>
    <message>
        <source>Clear review</source>
        <translation>清除审核</translation>
    </message>
</context>
<context>
    <name>SetWindowsCommand</name>
    <message>
        <source>Add relevant window</source>
        <translation>添加相关时间窗</translation>
    </message>
    <message>
        <source>Remove relevant window</source>
        <translation>移除相关时间窗</translation>
    </message>
</context>
<context>
    <name>ToggleKeyframeCommand</name>
    <message>
        <source>Toggle keyframe %1 (frame %2)</source>
        <translation>切换关键帧 %1（第 %2 帧）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run SeViLA on videos and correct its keyframes.</source>
        <translation>在视频上运行 SeViLA 并修正其关键帧。</translation>
    </message>
    <message>
        <source>User interface language (en, zh_CN).</source>
        <translation>界面语言（en、zh_CN）。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A video to open.</source>
        <translation>要打开的视频。</translation>
    </message>
    <message>
        <source>Report on stderr every time the window stops responding for 100 ms or more.</source>
        <translation>每当窗口停止响应 100 毫秒或更久时，在标准错误输出上报告。</translation>
    </message>
    <message>
        <source>Open the bundled demo: generated shapes videos and a small model trained on such videos.</source>
        <translation>打开内置演示：生成的图形视频和一个在此类视频上训练的小模型。</translation>
    </message>
</context>
<context>
    <name>sevila::studio::EngineErrors</name>
    <message>
        <source>no such file</source>
        <translation>没有这个文件</translation>
    </message>
    <message>
        <source>check the path</source>
        <translation>请检查路径</translation>
    </message>
    <message>
        <source>is a directory, not a video file</source>
        <translation>是文件夹，不是视频文件</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <source>the copy or download may have failed</source>
        <translation>复制或下载可能失败了</translation>
    </message>
    <message>
        <source>FFmpeg cannot read it as a video (%1)</source>
        <translation>FFmpeg 无法将其作为视频读取（%1）</translation>
    </message>
    <message>
        <source>check that the file is a complete video in a format FFmpeg knows</source>
        <translation>请检查该文件是否为 FFmpeg 支持格式的完整视频</translation>
    </message>
    <message>
        <source>cannot read the stream information (%1)</source>
        <translation>无法读取流信息（%1）</translation>
    </message>
    <message>
        <source>the file may be truncated or damaged</source>
        <translation>文件可能被截断或已损坏</translation>
    </message>
    <message>
        <source>FFmpeg has no decoder for this video codec</source>
        <translation>FFmpeg 没有此视频编码的解码器</translation>
    </message>
    <message>
        <source>re-encode the video, e.g. to H.264</source>
        <translation>请重新编码视频，例如编码为 H.264</translation>
    </message>
    <message>
        <source>the file has no video stream (audio only?)</source>
        <translation>文件没有视频流（只有音频？）</translation>
    </message>
    <message>
        <source>choose a file with pictures</source>
        <translation>请选择有画面的文件</translation>
    </message>
    <message>
        <source>the decoder keeps failing (%1)</source>
        <translation>解码器持续出错（%1）</translation>
    </message>
    <message>
        <source>opening took longer than %1 s</source>
        <translation>打开用时超过 %1 秒</translation>
    </message>
    <message>
        <source>reading took longer than %1 s</source>
        <translation>读取用时超过 %1 秒</translation>
    </message>
    <message>
        <source>no picture could be decoded</source>
        <translation>无法解码任何画面</translation>
    </message>
    <message>
        <source>the video stream is empty or corrupt</source>
        <translation>视频流为空或已损坏</translation>
    </message>
    <message>
        <source>the video has no decoded frames</source>
        <translation>视频没有可解码的帧</translation>
    </message>
    <message>
        <source>cancelled while indexing frames</source>
        <translation>索引帧时已取消</translation>
    </message>
    <message>
        <source>cannot open the model configuration</source>
        <translation>无法打开模型配置</translation>
    </message>
    <message>
        <source>a model directory holds config.json</source>
        <translation>模型文件夹应包含 config.json</translation>
    </message>
    <message>
        <source>cannot read the model configuration</source>
        <translation>无法读取模型配置</translation>
    </message>
    <message>
        <source>holds neither model.safetensors nor model.safetensors.index.json</source>
        <translation>既没有 model.safetensors 也没有 model.safetensors.index.json</translation>
    </message>
    <message>
        <source>no tokenizer: the folder has no spiece.model</source>
        <translation>没有分词器：文件夹中没有 spiece.model</translation>
    </message>
    <message>
        <source>choose the tokenizer (spiece.model) in Open Model</source>
        <translation>请在“打开模型”中选择分词器（spiece.model）</translation>
    </message>
    <message>
        <source>cannot open the tokenizer model: %1</source>
        <translation>无法打开分词器模型：%1</translation>
    </message>
    <message>
        <source>cannot read the tokenizer model</source>
        <translation>无法读取分词器模型</translation>
    </message>
    <message>
        <source>not a SentencePiece model: %1</source>
        <translation>不是 SentencePiece 模型：%1</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>the checkpoint has no entry &apos;%1&apos;</source>
        <translation>检查点中没有条目 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the checkpoint holds no tensors</source>
        <translation>检查点中没有张量</translation>
    </message>
    <message>
        <source>cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>check the path and its permissions</source>
        <translation>请检查路径及其权限</translation>
    </message>
    <message>
        <source>empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <source>expected NExT-QA&apos;s csv with a header row</source>
        <translation>应为带表头行的 NExT-QA csv 文件</translation>
    </message>
    <message>
        <source>broken header: %1</source>
        <translation>表头损坏：%1</translation>
    </message>
    <message>
        <source>field &apos;%1&apos;: %2</source>
        <translation>字段 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>empty option</source>
        <translation>选项为空</translation>
    </message>
    <message>
        <source>expected an integer, got &apos;%1&apos;</source>
        <translation>应为整数，实际为 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate qid &apos;%1&apos;</source>
        <translation>重复的 qid &apos;%1&apos;</translation>
    </message>
    <message>
        <source>answer index %1 outside 0-4</source>
        <translation>答案序号 %1 不在 0-4 之内</translation>
    </message>
    <message>
        <source>unknown dataset kind</source>
        <translation>未知的数据集类型</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
</context>
<context>
    <name>sevila::studio::MainWindow</name>
    <message>
        <source>SeViLA Studio</source>
        <translation>SeViLA 工作室</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Score Timeline</source>
        <translation>得分时间线</translation>
    </message>
    <message>
        <source>Keyframes</source>
        <translation>关键帧</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Video…</source>
        <translation>打开视频(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;Files</source>
        <translation>最近的文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SeViLA Studio</source>
        <translation>关于 SeViLA 工作室(&amp;A)</translation>
    </message>
    <message>
        <source>No video</source>
        <translation>无视频</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cannot open video</source>
        <translation>无法打开视频</translation>
    </message>
    <message>
        <source>The video “%1” could not be opened.</source>
        <translation>无法打开视频“%1”。</translation>
    </message>
    <message>
        <source>%1 · %2×%3 · %4 fps · %5 frames</source>
        <translation>%1 · %2×%3 · %4 帧/秒 · %5 帧</translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3 s</source>
        <translation>第 %1 / %2 帧 · %3 秒</translation>
    </message>
    <message>
        <source>Open Video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.webm *.avi *.mov *.ogv *.mpg *.mpeg *.flv *.wmv *.m4v);;All files (*)</source>
        <translation>视频 (*.mp4 *.mkv *.webm *.avi *.mov *.ogv *.mpg *.mpeg *.flv *.wmv *.m4v);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About SeViLA Studio</source>
        <translation>关于 SeViLA 工作室</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SeViLA Studio %1&lt;/h3&gt;&lt;p&gt;Runs SeViLA (Self-Chained Image-Language Model for Video Localization and Question Answering; Yu, Cho, Yadav, Bansal, NeurIPS 2023) on real videos: see where the Localizer looks, what the Answerer answers, and correct its keyframes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SeViLA 工作室 %1&lt;/h3&gt;&lt;p&gt;在真实视频上运行 SeViLA（用于视频定位与问答的自链式图像-语言模型；Yu、Cho、Yadav、Bansal，NeurIPS 2023）：查看定位器关注哪些帧、回答器给出什么答案，并修正其关键帧。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>The model could not be loaded.</source>
        <translation>无法加载模型。</translation>
    </message>
    <message>
        <source>Run cancelled</source>
        <translation>运行已取消</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Keyframes</source>
        <translation>关键帧(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Toggle Human Keyframe at Playhead</source>
        <translation>在播放头处切换人工关键帧(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Accept the Model&apos;s Keyframes</source>
        <translation>采纳模型的关键帧(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Clear Human Keyframes</source>
        <translation>清除人工关键帧(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Re-answer with Human Keyframes</source>
        <translation>用人工关键帧重新回答(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next Frame</source>
        <translation>下一帧(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;revious Frame</source>
        <translation>上一帧(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Forward 1 s</source>
        <translation>前进 1 秒(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Back 1 s</source>
        <translation>后退 1 秒(&amp;B)</translation>
    </message>
    <message>
        <source>Go to &amp;Start</source>
        <translation>转到开头(&amp;S)</translation>
    </message>
    <message>
        <source>Go to &amp;End</source>
        <translation>转到结尾(&amp;E)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source> · zero-shot</source>
        <translation> · 零样本</translation>
    </message>
    <message>
        <source>Open a video first</source>
        <translation>请先打开视频</translation>
    </message>
    <message>
        <source>Answered in %1 s</source>
        <translation>用时 %1 秒完成回答</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Open &amp;Dataset…</source>
        <translation>打开数据集(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export Keyframe Labels…</source>
        <translation>导出关键帧标注(&amp;E)…</translation>
    </message>
    <message>
        <source>Export Keyframe Labels</source>
        <translation>导出关键帧标注</translation>
    </message>
    <message>
        <source>Keyframe labels (*.jsonl)</source>
        <translation>关键帧标注 (*.jsonl)</translation>
    </message>
    <message>
        <source>&amp;Import Keyframe Labels…</source>
        <translation>导入关键帧标注(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Keyframe Labels</source>
        <translation>导入关键帧标注</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n label(s)</source>
        <translation>
            <numerusform>已导入 %n 条标注</numerusform>
        </translation>
    </message>
    <message>
        <source>Show Yes-&amp;Logit Instead of Probability</source>
        <translation>显示“是”的 logit 而非概率(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Preferences and Shortcuts…</source>
        <translation>首选项与快捷键(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Next Item</source>
        <translation>下一项(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;revious Item</source>
        <translation>上一项(&amp;R)</translation>
    </message>
    <message>
        <source>The language changes at the next start</source>
        <translation>语言将在下次启动时更改</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) loaded</source>
        <translation>
            <numerusform>已载入 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Recent Pro&amp;jects</source>
        <translation>最近的项目(&amp;J)</translation>
    </message>
    <message>
        <source>Compute &amp;Baselines</source>
        <translation>计算基线(&amp;B)</translation>
    </message>
    <message>
        <source>Shuttle &amp;Backwards</source>
        <translation>倒放(&amp;B)</translation>
    </message>
    <message>
        <source>Shuttle Pa&amp;use</source>
        <translation>穿梭暂停(&amp;U)</translation>
    </message>
    <message>
        <source>Shuttle For&amp;wards</source>
        <translation>正放(&amp;W)</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>无项目</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>SeViLA projects (*.sevila)</source>
        <translation>SeViLA 项目 (*.sevila)</translation>
    </message>
    <message>
        <source>labels.sevila</source>
        <translation>标注.sevila</translation>
    </message>
    <message>
        <source>%1 exists: opened it (projects are never overwritten)</source>
        <translation>%1 已存在：已将其打开（项目从不被覆盖）</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>SeViLA projects (*.sevila);;All files (*)</source>
        <translation>SeViLA 项目 (*.sevila);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Keyframe labels are being imported or exported; try again when it is done</source>
        <translation>正在导入或导出关键帧标注；完成后再试</translation>
    </message>
    <message>
        <source>Importing keyframe labels from %1…</source>
        <translation>正在从 %1 导入关键帧标注…</translation>
    </message>
    <message>
        <source>Exporting keyframe labels to %1…</source>
        <translation>正在将关键帧标注导出到 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n label(s)</source>
        <translation>
            <numerusform>已导出 %n 条标注</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyframe labels are being imported; edit them when it is done</source>
        <translation>正在导入关键帧标注；完成后再编辑</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>The project “%1” could not be opened.</source>
        <translation>无法打开项目“%1”。</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>项目：%1</translation>
    </message>
    <message>
        <source>Opening the dataset %1…</source>
        <translation>正在打开数据集 %1…</translation>
    </message>
    <message>
        <source>Labels not shown: %1</source>
        <translation>未显示标注：%1</translation>
    </message>
    <message>
        <source>Finishing the keyframe label import or export…</source>
        <translation>正在完成关键帧标注的导入或导出…</translation>
    </message>
    <message>
        <source>Open a model first (File › Open Model…)</source>
        <translation>请先打开模型（文件 › 打开模型…）</translation>
    </message>
    <message>
        <source>The re-answer failed: %1</source>
        <translation>重新回答失败：%1</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>运行失败</translation>
    </message>
    <message>
        <source>The question could not be answered.</source>
        <translation>无法回答该问题。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>The change could not be saved in the project.</source>
        <translation>此更改无法保存到项目中。</translation>
    </message>
    <message>
        <source>Cannot import labels</source>
        <translation>无法导入标注</translation>
    </message>
    <message>
        <source>Cannot export labels</source>
        <translation>无法导出标注</translation>
    </message>
    <message>
        <source>No label was imported; the project keeps what it had.</source>
        <translation>未导入任何标注；项目保持原样。</translation>
    </message>
    <message>
        <source>The keyframe labels could not be exported.</source>
        <translation>无法导出关键帧标注。</translation>
    </message>
    <message>
        <source>Cannot open dataset</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>The dataset could not be opened.</source>
        <translation>无法打开该数据集。</translation>
    </message>
    <message>
        <source>Keyframe labels are being imported or exported; open the project when it is done</source>
        <translation>正在导入或导出关键帧标注；完成后再打开项目</translation>
    </message>
    <message>
        <source>Model loaded with a warning: %1</source>
        <translation>模型已加载，但有警告：%1</translation>
    </message>
    <message>
        <source>Run the question first: keyframes are chosen among its sampled frames</source>
        <translation>请先运行问题：关键帧从其采样帧中选出</translation>
    </message>
    <message>
        <source>Human keyframe removed: sample %1 of %2 (frame %3, %4 s)</source>
        <translation>已移除人工关键帧：采样 %1 / %2（第 %3 帧，%4 秒）</translation>
    </message>
    <message>
        <source>Human keyframe added: sample %1 of %2 (frame %3, %4 s)</source>
        <translation>已添加人工关键帧：采样 %1 / %2（第 %3 帧，%4 秒）</translation>
    </message>
    <message>
        <source>R&amp;un the Question</source>
        <translation>运行问题(&amp;U)</translation>
    </message>
    <message>
        <source>Nothing to run: open a model and a video, and complete the question</source>
        <translation>无可运行：请打开模型和视频，并填写完整的问题</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Previous &amp;Keyframe</source>
        <translation>上一个关键帧(&amp;K)</translation>
    </message>
    <message>
        <source>Next K&amp;eyframe</source>
        <translation>下一个关键帧(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go to Frame or Time…</source>
        <translation>转到帧或时间(&amp;G)…</translation>
    </message>
    <message>
        <source>Go to Frame or Time</source>
        <translation>转到帧或时间</translation>
    </message>
    <message>
        <source>Frame number (120), seconds (4.5 s) or time (1:02.5):</source>
        <translation>帧号（120）、秒数（4.5 s）或时间（1:02.5）：</translation>
    </message>
    <message>
        <source>“%1” is not a frame or a time of this video</source>
        <translation>“%1”不是此视频中的帧或时间</translation>
    </message>
    <message>
        <source>No keyframe after the playhead</source>
        <translation>播放头之后没有关键帧</translation>
    </message>
    <message>
        <source>No keyframe before the playhead</source>
        <translation>播放头之前没有关键帧</translation>
    </message>
    <message>
        <source>Labels are now recorded as %1</source>
        <translation>标注现在以 %1 的名义记录</translation>
    </message>
    <message>
        <source>Open a video (File ▸ Open Video…, %1) or drop one here.
Then open a model (File ▸ Open Model…), type a question and run it (%2).
New here? Start sevila-studio --demo. %3 lists every shortcut.</source>
        <translation>打开视频（文件 ▸ 打开视频…，%1），或将视频拖到这里。
然后打开模型（文件 ▸ 打开模型…），输入问题并运行（%2）。
初次使用？请运行 sevila-studio --demo。%3 列出所有快捷键。</translation>
    </message>
    <message>
        <source>That run is no longer in the project</source>
        <translation>该次运行已不在项目中</translation>
    </message>
    <message>
        <source>Answering %1 · %2 of %3 · %4 left</source>
        <translation>正在回答 %1 · 第 %2 / %3 项 · 剩余 %4</translation>
    </message>
    <message>
        <source>All Samples</source>
        <translation>全部采样</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run History</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <source>Recent Data&amp;sets</source>
        <translation>最近的数据集(&amp;S)</translation>
    </message>
    <message>
        <source>E&amp;xport Chart</source>
        <translation>导出图表(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Score Timeline…</source>
        <translation>得分时间线(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Answer Chart…</source>
        <translation>答案图表(&amp;A)…</translation>
    </message>
    <message>
        <source>Annotator A&amp;greement…</source>
        <translation>标注者一致性(&amp;G)…</translation>
    </message>
    <message>
        <source>Answer the &amp;Dataset&apos;s Shown Items</source>
        <translation>回答数据集中显示的条目(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Stop Answering Items</source>
        <translation>停止回答条目(&amp;S)</translation>
    </message>
    <message>
        <source>The model is answering the dataset&apos;s items; stop that first (Dataset panel ▸ Stop)</source>
        <translation>模型正在回答数据集条目；请先停止（数据集面板 ▸ 停止）</translation>
    </message>
    <message>
        <source>score-timeline</source>
        <translation>得分时间线</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Export Score Timeline</source>
        <translation>导出得分时间线</translation>
    </message>
    <message>
        <source>Export Answer Chart</source>
        <translation>导出答案图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Chart written to %1</source>
        <translation>图表已写入 %1</translation>
    </message>
    <message>
        <source>Cannot export the chart</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>The chart could not be written.</source>
        <translation>无法写入该图表。</translation>
    </message>
    <message>
        <source>Open a dataset first (File ▸ Open Dataset…)</source>
        <translation>请先打开数据集（文件 ▸ 打开数据集…）</translation>
    </message>
    <message>
        <source>The dataset&apos;s items are already being answered</source>
        <translation>数据集条目已在回答中</translation>
    </message>
    <message>
        <source>Wait for the question in progress, or cancel it</source>
        <translation>请等待进行中的问题完成，或取消它</translation>
    </message>
    <message>
        <source>No item is shown: change the filters</source>
        <translation>没有显示任何条目：请更改筛选条件</translation>
    </message>
    <message numerus="yes">
        <source>Answering %n item(s)…</source>
        <translation>
            <numerusform>正在回答 %n 个条目…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Answering %n item(s) into %1</source>
        <translation>
            <numerusform>正在回答 %n 个条目，写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Answering stopped</source>
        <translation>回答已中止</translation>
    </message>
    <message>
        <source>The dataset&apos;s items could not be answered.</source>
        <translation>无法回答数据集条目。</translation>
    </message>
    <message>
        <source>Stopped: %1 answered, %2 already answered, %3 failed</source>
        <translation>已停止：回答 %1 项，已有答案 %2 项，失败 %3 项</translation>
    </message>
    <message>
        <source>Done: %1 answered, %2 already answered, %3 failed</source>
        <translation>完成：回答 %1 项，已有答案 %2 项，失败 %3 项</translation>
    </message>
    <message>
        <source>Project: %1 · every author&apos;s keyframe labels, frame by frame</source>
        <translation>项目：%1 · 所有标注者的关键帧标注，逐帧比较</translation>
    </message>
    <message>
        <source>Cannot compute agreement</source>
        <translation>无法计算一致性</translation>
    </message>
    <message>
        <source>The project&apos;s labels could not be compared.</source>
        <translation>无法比较项目中的标注。</translation>
    </message>
    <message>
        <source>Refinement stopped: %1</source>
        <translation>精炼已停止：%1</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Refine the Localizer…</source>
        <translation>精炼定位器(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Versions</source>
        <translation>版本(&amp;V)</translation>
    </message>
    <message>
        <source>Show the &amp;Refinement…</source>
        <translation>显示精炼(&amp;R)…</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 questions trained, %2 held out; %3 epochs.&lt;/p&gt;</source>
        <translation>&lt;p&gt;训练 %1 个问题，留出 %2 个；%3 轮。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th&gt;before&lt;/th&gt;&lt;th&gt;after&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th&gt;之前&lt;/th&gt;&lt;th&gt;之后&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;keyframe hit rate&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;关键帧命中率&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;answer accuracy&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;答案准确率&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Checkpoint: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;检查点：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A refinement is running already</source>
        <translation>已有一个精炼正在运行</translation>
    </message>
    <message>
        <source>Refinement needs a project: its labels train the model and its versions keep the result</source>
        <translation>精炼需要一个项目：项目的标注用于训练模型，其版本保存结果</translation>
    </message>
    <message>
        <source>Open a model first: it is the version the refinement starts from</source>
        <translation>请先打开模型：精炼从该版本开始</translation>
    </message>
    <message>
        <source>Choose at least one label source</source>
        <translation>请至少选择一个标注来源</translation>
    </message>
    <message>
        <source>Pseudo-labels and windows need an open dataset (File ▸ Open Dataset)</source>
        <translation>伪标注和窗口需要打开一个数据集（文件 ▸ 打开数据集）</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the refined model</source>
        <translation>无法为精炼后的模型创建文件夹 %1</translation>
    </message>
    <message>
        <source>Refining the Localizer from %1…</source>
        <translation>正在从 %1 精炼定位器…</translation>
    </message>
    <message>
        <source>The refined model is in %1, but the project could not record it: %2</source>
        <translation>精炼后的模型位于 %1，但项目无法记录它：%2</translation>
    </message>
    <message>
        <source>refined %1 (cancelled after %2 epochs)</source>
        <translation>精炼 %1（%2 轮后取消）</translation>
    </message>
    <message>
        <source>refined %1 (%2 epochs, %3 questions)</source>
        <translation>精炼 %1（%2 轮，%3 个问题）</translation>
    </message>
    <message>
        <source>Cancelled after %1 epochs: the checkpoint saved then is kept as version &quot;%2&quot;</source>
        <translation>%1 轮后已取消：当时保存的检查点保留为版本“%2”</translation>
    </message>
    <message>
        <source>The project could not record the model version: %1</source>
        <translation>项目无法记录该模型版本：%1</translation>
    </message>
    <message>
        <source>No versions yet: open a model</source>
        <translation>尚无版本：请打开一个模型</translation>
    </message>
    <message>
        <source>A refinement is running: switch versions when it has finished, or cancel it</source>
        <translation>精炼正在运行：请在其完成后切换版本，或取消它</translation>
    </message>
    <message>
        <source>A model is loading; try again when it has loaded</source>
        <translation>模型正在加载；加载完成后再试</translation>
    </message>
    <message>
        <source>No such model version in this project</source>
        <translation>此项目中没有该模型版本</translation>
    </message>
    <message>
        <source>before: %1</source>
        <translation>之前：%1</translation>
    </message>
    <message>
        <source>after: %1</source>
        <translation>之后：%1</translation>
    </message>
    <message>
        <source>C&amp;ompare with Another Version&apos;s Results…</source>
        <translation>与另一版本的结果比较(&amp;O)…</translation>
    </message>
    <message>
        <source>Compare with Results</source>
        <translation>与结果比较</translation>
    </message>
    <message>
        <source>Results (*.jsonl)</source>
        <translation>结果 (*.jsonl)</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message numerus="yes">
        <source>Comparing with %1: %n question(s) in both</source>
        <translation>
            <numerusform>正在与 %1 比较：两者共有 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shares no answered question with this dataset&apos;s results</source>
        <translation>%1 与此数据集的结果没有共同的已回答问题</translation>
    </message>
    <message>
        <source> · demo model trained on synthetic videos</source>
        <translation> · 在合成视频上训练的演示模型</translation>
    </message>
    <message>
        <source>Demo model trained on synthetic videos: it knows coloured shapes on a dark stage, nothing else.</source>
        <translation>在合成视频上训练的演示模型：它只认识深色舞台上的彩色图形，别的都不懂。</translation>
    </message>
    <message>
        <source>Questions are answered by %1 (Preferences ▸ Backend)</source>
        <translation>由 %1 回答问题（首选项 ▸ 后端）</translation>
    </message>
    <message>
        <source>Server %1</source>
        <translation>服务器 %1</translation>
    </message>
    <message>
        <source>%1 ms round trip (model %2 ms, server queue %3 ms, network %4 ms)</source>
        <translation>往返 %1 毫秒（模型 %2 毫秒，服务器排队 %3 毫秒，网络 %4 毫秒）</translation>
    </message>
    <message>
        <source>Last answer: %1</source>
        <translation>上一次回答：%1</translation>
    </message>
    <message>
        <source>Answered by the server: %1</source>
        <translation>服务器已回答：%1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Questions are answered on this computer again: open a model (File ▸ Open Model…)</source>
        <translation>问题重新在本机回答：请打开模型（文件 ▸ 打开模型…）</translation>
    </message>
    <message>
        <source>That version is not on this server</source>
        <translation>该版本不在此服务器上</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more of its video</source>
        <translation>
            <numerusform>%1 及同一视频的另外 %n 个问题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sevila::studio::OpenDatasetDialog</name>
    <message>
        <source>Open Dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Annotations:</source>
        <translation>标注文件(&amp;A)：</translation>
    </message>
    <message>
        <source>Annotation File</source>
        <translation>标注文件</translation>
    </message>
    <message>
        <source>Annotations (*.csv *.json *.jsonl);;All files (*)</source>
        <translation>标注 (*.csv *.json *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Videos:</source>
        <translation>视频(&amp;V)：</translation>
    </message>
    <message>
        <source>Video Folder</source>
        <translation>视频文件夹</translation>
    </message>
    <message>
        <source>optional: results.jsonl of sevila run</source>
        <translation>可选：sevila run 的 results.jsonl</translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation>结果(&amp;R)：</translation>
    </message>
    <message>
        <source>Results File</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>Results (*.jsonl);;All files (*)</source>
        <translation>结果 (*.jsonl);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>sevila::studio::OpenModelDialog</name>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>A Hugging Face BLIP-2 directory (e.g. Salesforce/blip2-flan-t5-xl: config.json, *.safetensors, spiece.model) and, optionally, a SeViLA checkpoint (.pth). Without a checkpoint both roles are zero-shot BLIP-2.</source>
        <translation>一个 Hugging Face BLIP-2 目录（例如 Salesforce/blip2-flan-t5-xl：config.json、*.safetensors、spiece.model），以及可选的 SeViLA 检查点（.pth）。没有检查点时，两个角色都使用零样本 BLIP-2。</translation>
    </message>
    <message>
        <source>BLIP-2 model directory</source>
        <translation>BLIP-2 模型目录</translation>
    </message>
    <message>
        <source>none (zero-shot)</source>
        <translation>无（零样本）</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>BLIP-2 Model Directory</source>
        <translation>BLIP-2 模型目录</translation>
    </message>
    <message>
        <source>SeViLA &amp;checkpoint:</source>
        <translation>SeViLA 检查点(&amp;C)：</translation>
    </message>
    <message>
        <source>SeViLA Checkpoint</source>
        <translation>SeViLA 检查点</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pth *.pt);;All files (*)</source>
        <translation>PyTorch 检查点 (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (first GPU)</source>
        <translation>CUDA（第一块 GPU）</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation>精度(&amp;P)：</translation>
    </message>
    <message>
        <source>spiece.model in the model directory</source>
        <translation>模型目录中的 spiece.model</translation>
    </message>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation>分词器(&amp;T)：</translation>
    </message>
    <message>
        <source>T5 Tokenizer</source>
        <translation>T5 分词器</translation>
    </message>
    <message>
        <source>SentencePiece models (*.model);;All files (*)</source>
        <translation>SentencePiece 模型 (*.model);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the BLIP-2 model folder.</source>
        <translation>请选择 BLIP-2 模型文件夹。</translation>
    </message>
    <message>
        <source>This folder has no config.json: it is not a BLIP-2 model.</source>
        <translation>此文件夹没有 config.json：它不是 BLIP-2 模型。</translation>
    </message>
    <message>
        <source>The SeViLA checkpoint does not exist.</source>
        <translation>SeViLA 检查点不存在。</translation>
    </message>
    <message>
        <source>The model folder has no spiece.model: choose the tokenizer.</source>
        <translation>模型文件夹中没有 spiece.model：请选择分词器。</translation>
    </message>
    <message>
        <source>The tokenizer file does not exist.</source>
        <translation>分词器文件不存在。</translation>
    </message>
</context>
<context>
    <name>sevila::studio::RefinementController</name>
    <message>
        <source>A refinement is running already</source>
        <translation>已有一个精炼正在运行</translation>
    </message>
    <message>
        <source>Reading labels</source>
        <translation>正在读取标注</translation>
    </message>
    <message>
        <source>Loading a copy of the model</source>
        <translation>正在加载模型副本</translation>
    </message>
    <message>
        <source>Answering the held-out questions (before)</source>
        <translation>正在回答留出的问题（之前）</translation>
    </message>
    <message>
        <source>Answering the held-out questions (after)</source>
        <translation>正在回答留出的问题（之后）</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>正在写入报告</translation>
    </message>
    <message>
        <source>Labelling the frames</source>
        <translation>正在标注帧</translation>
    </message>
    <message>
        <source>Saving the checkpoint</source>
        <translation>正在保存检查点</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Cancelled before the first step: no checkpoint was written</source>
        <translation>在第一步之前已取消：未写入检查点</translation>
    </message>
    <message>
        <source>Cancelled before training started: nothing was written</source>
        <translation>在训练开始前已取消：未写入任何内容</translation>
    </message>
    <message>
        <source>Uploading the labels</source>
        <translation>正在上传标注</translation>
    </message>
</context>
<context>
    <name>sevila::studio::RunSession</name>
    <message>
        <source>Could not save the run: %1</source>
        <translation>无法保存本次运行：%1</translation>
    </message>
    <message>
        <source>Toggle keyframe %1 (frame %2)</source>
        <translation>切换关键帧 %1（第 %2 帧）</translation>
    </message>
    <message>
        <source>Accept the model&apos;s keyframes</source>
        <translation>接受模型的关键帧</translation>
    </message>
    <message>
        <source>Clear human keyframes</source>
        <translation>清除人工关键帧</translation>
    </message>
    <message>
        <source>This is %1&apos;s label: you can review it, not edit it. Choose your own name above the keyframes to edit yours.</source>
        <translation>这是 %1 的标注：您可以审核，但不能编辑。请在关键帧上方选择您自己的名字以编辑您的标注。</translation>
    </message>
    <message>
        <source>Relevant windows are kept in a project: open or create one first</source>
        <translation>相关时间窗保存在项目中：请先打开或新建一个项目</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::AgreementDialog</name>
    <message>
        <source>Annotator Agreement</source>
        <translation>标注者一致性</translation>
    </message>
    <message>
        <source>Annotator A</source>
        <translation>标注者 A</translation>
    </message>
    <message>
        <source>Annotator B</source>
        <translation>标注者 B</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Frames compared</source>
        <translation>比较的帧数</translation>
    </message>
    <message>
        <source>Both yes</source>
        <translation>两者均为是</translation>
    </message>
    <message>
        <source>Only A</source>
        <translation>仅 A</translation>
    </message>
    <message>
        <source>Only B</source>
        <translation>仅 B</translation>
    </message>
    <message>
        <source>Both no</source>
        <translation>两者均为否</translation>
    </message>
    <message>
        <source>Agreement (%)</source>
        <translation>一致率（%）</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen κ 系数</translation>
    </message>
    <message>
        <source>No two annotators labelled the same item yet.</source>
        <translation>尚无两位标注者标注过同一条目。</translation>
    </message>
    <message>
        <source>Frames compared: the sampled frames of the items both annotators labelled; “Both yes” are frames both marked as keyframes, “Only A” frames only A marked. Cohen&apos;s κ is the agreement corrected for chance: 1 = perfect, 0 = no better than chance, below 0 = worse. Landis &amp; Koch: &lt;0.4 poor, 0.4–0.6 moderate, 0.6–0.8 substantial, &gt;0.8 almost perfect.</source>
        <translation>比较的帧数：两位标注者都标注过的条目的采样帧；“两者均为是”是两人都标为关键帧的帧，“仅 A”是只有 A 标注的帧。Cohen κ 系数是经过机会校正的一致性：1 = 完全一致，0 = 不比随机好，小于 0 = 更差。Landis 与 Koch：&lt;0.4 差，0.4–0.6 中等，0.6–0.8 较强，&gt;0.8 几乎完全一致。</translation>
    </message>
    <message>
        <source>&amp;Copy as CSV</source>
        <translation>复制为 CSV(&amp;C)</translation>
    </message>
    <message>
        <source>Undefined: too few frames, or one annotator marked all or none of them</source>
        <translation>无定义：帧数太少，或某位标注者标记了全部或没有标记任何帧</translation>
    </message>
    <message>
        <source>Poor agreement (Landis &amp; Koch)</source>
        <translation>一致性差（Landis 与 Koch）</translation>
    </message>
    <message>
        <source>Moderate agreement (Landis &amp; Koch)</source>
        <translation>中等一致性（Landis 与 Koch）</translation>
    </message>
    <message>
        <source>Substantial agreement (Landis &amp; Koch)</source>
        <translation>较强一致性（Landis 与 Koch）</translation>
    </message>
    <message>
        <source>Almost perfect agreement (Landis &amp; Koch)</source>
        <translation>几乎完全一致（Landis 与 Koch）</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::AnswerPanel</name>
    <message>
        <source>model keyframes</source>
        <translation>模型关键帧</translation>
    </message>
    <message>
        <source>human keyframes</source>
        <translation>人工关键帧</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>No answer yet</source>
        <translation>尚无答案</translation>
    </message>
    <message>
        <source>Answer: %1  %2</source>
        <translation>答案：%1  %2</translation>
    </message>
    <message>
        <source>  (right)</source>
        <translation>  （正确）</translation>
    </message>
    <message>
        <source>  (wrong)</source>
        <translation>  （错误）</translation>
    </message>
    <message>
        <source>Compute &amp;Baselines</source>
        <translation>计算基线(&amp;B)</translation>
    </message>
    <message>
        <source>The paper&apos;s baselines on this video: BLIP-2 concat on k uniform frames, voting over the single-frame answers, and the oracle</source>
        <translation>论文在此视频上的基线：在 k 个均匀帧上的 BLIP-2 拼接、对单帧答案的投票，以及 oracle</translation>
    </message>
    <message>
        <source> (right)</source>
        <translation>（正确）</translation>
    </message>
    <message>
        <source> (wrong)</source>
        <translation>（错误）</translation>
    </message>
    <message>
        <source>BLIP-2 concat, k uniform frames: %1 (p = %2)%3</source>
        <translation>BLIP-2 拼接，k 个均匀帧：%1（p = %2）%3</translation>
    </message>
    <message>
        <source>BLIP-2 voting over the sampled frames: %1%2</source>
        <translation>BLIP-2 对采样帧投票：%1%2</translation>
    </message>
    <message>
        <source>Oracle, any single frame right: %1</source>
        <translation>Oracle，任一单帧答对：%1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Computing the baselines…</source>
        <translation>正在计算基线…</translation>
    </message>
    <message>
        <source>With human keyframes: %1  %2</source>
        <translation>使用人工关键帧：%1  %2</translation>
    </message>
    <message>
        <source>%1: %2  %3</source>
        <translation>%1：%2  %3</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ConfidenceHistogram</name>
    <message numerus="yes">
        <source>confidence %1–%2
%n wrong</source>
        <translation>
            <numerusform>置信度 %1–%2
%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n right</source>
        <translation>
            <numerusform>%n 个正确</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a ground truth</source>
        <translation>
            <numerusform>%n 个没有真值</numerusform>
        </translation>
    </message>
    <message>
        <source>Click: show only these items</source>
        <translation>单击：只显示这些条目</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>no ground truth</source>
        <translation>没有真值</translation>
    </message>
    <message>
        <source>confidence of the model&apos;s answer</source>
        <translation>模型答案的置信度</translation>
    </message>
    <message>
        <source>items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Confidence histogram</source>
        <translation>置信度直方图</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::DatasetBrowser</name>
    <message>
        <source>&amp;Wrong</source>
        <translation>错误(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Low confidence &lt;</source>
        <translation>低置信度(&amp;L) &lt;</translation>
    </message>
    <message>
        <source>&amp;Human ≠ model</source>
        <translation>人工 ≠ 模型(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Unlabelled</source>
        <translation>未标注(&amp;U)</translation>
    </message>
    <message>
        <source>Search question or qid…</source>
        <translation>搜索问题或 qid…</translation>
    </message>
    <message>
        <source>Search the dataset</source>
        <translation>搜索数据集</translation>
    </message>
    <message>
        <source>Only items the model answered wrongly</source>
        <translation>只显示模型答错的条目</translation>
    </message>
    <message>
        <source>Only items whose answer probability is below the threshold</source>
        <translation>只显示答案概率低于阈值的条目</translation>
    </message>
    <message>
        <source>Low-confidence threshold</source>
        <translation>低置信度阈值</translation>
    </message>
    <message>
        <source>Only labelled items where the human keyframes differ from the model&apos;s</source>
        <translation>只显示人工关键帧与模型关键帧不同的已标注条目</translation>
    </message>
    <message>
        <source>Only items without human keyframes</source>
        <translation>只显示没有人工关键帧的条目</translation>
    </message>
    <message>
        <source>Dataset items</source>
        <translation>数据集条目</translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation>%1 / %2 个条目</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>已保存的筛选</translation>
    </message>
    <message>
        <source>Apply a saved filter</source>
        <translation>应用已保存的筛选</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the current filters under a name</source>
        <translation>以一个名称保存当前筛选</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the chosen saved filter</source>
        <translation>删除所选的已保存筛选</translation>
    </message>
    <message>
        <source>Remove the confidence range</source>
        <translation>移除置信度范围</translation>
    </message>
    <message>
        <source>Accuracy of the items shown: an item counts as answered when both the model&apos;s answer and the ground truth are known. Per question type (NExT-QA: CW/CH causal why/how, TN/TC/TP temporal next/current/previous, DL/DC/DO descriptive location/count/other).</source>
        <translation>所显示条目的准确率：模型答案和真值都已知的条目才算已回答。按问题类型（NExT-QA：CW/CH 因果 为什么/如何，TN/TC/TP 时间 之后/当前/之前，DL/DC/DO 描述 位置/计数/其他）。</translation>
    </message>
    <message>
        <source>Accuracy of the items shown</source>
        <translation>所显示条目的准确率</translation>
    </message>
    <message>
        <source>Accuracy: no item shown has both an answer and a ground truth</source>
        <translation>准确率：所显示的条目都没有同时具备答案和真值</translation>
    </message>
    <message>
        <source>Accuracy %1 % (%2 of %3 answered)</source>
        <translation>准确率 %1 %（已回答 %3 个中的 %2 个）</translation>
    </message>
    <message>
        <source>%1 %2 % (%3/%4)</source>
        <translation>%1 %2 %（%3/%4）</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>无类型</translation>
    </message>
    <message>
        <source>confidence %1–%2 ✕</source>
        <translation>置信度 %1–%2 ✕</translation>
    </message>
    <message>
        <source>Filter %1</source>
        <translation>筛选 %1</translation>
    </message>
    <message>
        <source>Save Filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <source>Name of the current filters:</source>
        <translation>当前筛选的名称：</translation>
    </message>
    <message>
        <source>the other version</source>
        <translation>另一版本</translation>
    </message>
    <message>
        <source>this version</source>
        <translation>此版本</translation>
    </message>
    <message>
        <source>F&amp;ixed</source>
        <translation>已修正(&amp;I)</translation>
    </message>
    <message>
        <source>Only items %1 answered wrongly and %2 answers rightly</source>
        <translation>仅显示 %1 答错而 %2 答对的条目</translation>
    </message>
    <message>
        <source>&amp;Broken</source>
        <translation>已破坏(&amp;B)</translation>
    </message>
    <message>
        <source>Only items %1 answered rightly and %2 answers wrongly</source>
        <translation>仅显示 %1 答对而 %2 答错的条目</translation>
    </message>
    <message>
        <source>Answer &amp;changed</source>
        <translation>答案已变(&amp;C)</translation>
    </message>
    <message>
        <source>Only items where %1 and %2 give different answers</source>
        <translation>仅显示 %1 与 %2 答案不同的条目</translation>
    </message>
    <message>
        <source>%1 fixed, %2 broken</source>
        <translation>%1 个修正，%2 个破坏</translation>
    </message>
    <message>
        <source>Drag to share the height between the table and the histogram; drag to the bottom to hide the histogram</source>
        <translation>拖动以分配表格与直方图的高度；拖到底部可隐藏直方图</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::DatasetTableModel</name>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>%1
%2
video: %3</source>
        <translation>%1
%2
视频：%3</translation>
    </message>
    <message>
        <source>Overlap of the human keyframes and the model&apos;s (intersection over union)</source>
        <translation>人工关键帧与模型关键帧的重合度（交并比）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Truth</source>
        <translation>真值</translation>
    </message>
    <message>
        <source>Right/wrong</source>
        <translation>对/错</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>重合度</translation>
    </message>
    <message>
        <source>The model&apos;s answer</source>
        <translation>模型的答案</translation>
    </message>
    <message>
        <source>The ground-truth answer</source>
        <translation>正确答案</translation>
    </message>
    <message>
        <source>Probability of the model&apos;s answer</source>
        <translation>模型答案的概率</translation>
    </message>
    <message>
        <source>A human labelled keyframes for this item</source>
        <translation>已有人为此条目标注关键帧</translation>
    </message>
    <message>
        <source>qid</source>
        <translation>qid</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>A frame of the item&apos;s video</source>
        <translation>条目视频中的一帧</translation>
    </message>
    <message>
        <source>The item&apos;s question id</source>
        <translation>条目的问题 id</translation>
    </message>
    <message>
        <source>Question type (NExT-QA: CW/CH causal why/how, TN/TC/TP temporal next/current/previous, DL/DC/DO descriptive location/count/other)</source>
        <translation>问题类型（NExT-QA：CW/CH 因果 为什么/如何，TN/TC/TP 时间 之后/当前/之前，DL/DC/DO 描述 位置/计数/其他）</translation>
    </message>
    <message>
        <source>The item&apos;s video id</source>
        <translation>条目的视频 id</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>已修正</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>已破坏</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已变化</translation>
    </message>
    <message>
        <source>the other version</source>
        <translation>另一版本</translation>
    </message>
    <message>
        <source>this version</source>
        <translation>此版本</translation>
    </message>
    <message>
        <source>%1 answered %2 (confidence %3)</source>
        <translation>%1 的回答为 %2（置信度 %3）</translation>
    </message>
    <message>
        <source>%1 answered %2</source>
        <translation>%1 的回答为 %2</translation>
    </message>
    <message>
        <source>%1 answers %2</source>
        <translation>%1 回答 %2</translation>
    </message>
    <message>
        <source>%1 % of the model&apos;s keyframes changed</source>
        <translation>模型关键帧中有 %1 % 发生变化</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Before: %1
Its answer (✓ right, ✗ wrong)</source>
        <translation>之前：%1
它的答案（✓ 正确，✗ 错误）</translation>
    </message>
    <message>
        <source>After: %1
The model&apos;s answer</source>
        <translation>之后：%1
模型的答案</translation>
    </message>
    <message>
        <source>From %1 to %2: fixed (wrong, now right), broken (right, now wrong) or changed (another answer)</source>
        <translation>从 %1 到 %2：已修正（原错现对）、已破坏（原对现错）或已变化（另一个答案）</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::KeyframeStrip</name>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>human</source>
        <translation>人工</translation>
    </message>
    <message>
        <source>model + human</source>
        <translation>模型 + 人工</translation>
    </message>
    <message>
        <source>#%1  %2 s
P(yes|yes,no) %3 · %4</source>
        <translation>#%1  %2 秒
P(是|是,否) %3 · %4</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::LabelDetails</name>
    <message>
        <source>Confirmed</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>Is this label certain? Unsure labels can be left out of training</source>
        <translation>此标注是否确定？不确定的标注可以不用于训练</translation>
    </message>
    <message>
        <source>Note on this label…</source>
        <translation>关于此标注的备注…</translation>
    </message>
    <message>
        <source>No label: run a question first</source>
        <translation>无标注：请先运行一个问题</translation>
    </message>
    <message>
        <source>%1: no label yet</source>
        <translation>%1：尚无标注</translation>
    </message>
    <message>
        <source>%1&apos;s label, %2</source>
        <translation>%1 的标注，%2</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Whose label to show: yours, or another annotator&apos;s to review</source>
        <translation>显示谁的标注：您自己的，或要审核的其他标注者的</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Accepted by %1</source>
        <translation>已由 %1 接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation>已由 %1 拒绝</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1（您）</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>no label yet</source>
        <translation>尚无标注</translation>
    </message>
    <message>
        <source>No note</source>
        <translation>无备注</translation>
    </message>
    <message>
        <source>%1&apos;s label: you can review it, not edit it</source>
        <translation>%1 的标注：您可以审核，但不能编辑</translation>
    </message>
    <message>
        <source>No one has reviewed your label yet</source>
        <translation>尚无人审核您的标注</translation>
    </message>
    <message>
        <source>Set your annotator name to review labels</source>
        <translation>请设置您的标注者名称以审核标注</translation>
    </message>
    <message>
        <source>Only another annotator&apos;s label can be reviewed</source>
        <translation>只能审核其他标注者的标注</translation>
    </message>
    <message>
        <source>Accept %1&apos;s label (click again to withdraw)</source>
        <translation>接受 %1 的标注（再次点击撤回）</translation>
    </message>
    <message>
        <source>Reject %1&apos;s label (click again to withdraw)</source>
        <translation>拒绝 %1 的标注（再次点击撤回）</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::LossCurve</name>
    <message>
        <source>Step %1: loss %2, moving average %3</source>
        <translation>第 %1 步：损失 %2，移动平均 %3</translation>
    </message>
    <message>
        <source>loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>moving average</source>
        <translation>移动平均</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The loss appears here once training starts</source>
        <translation>训练开始后损失将显示在这里</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis, so late small changes stay visible</source>
        <translation>以对数轴显示损失，使后期的小变化仍然可见</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::PresentationView</name>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>✓ right</source>
        <translation>✓ 正确</translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation>✗ 错误</translation>
    </message>
    <message>
        <source>No video frame</source>
        <translation>无视频帧</translation>
    </message>
    <message>
        <source>Keyframe %1 of %2</source>
        <translation>关键帧 %1 / %2</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::QuestionPanel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>What does the person do after picking up the cup?</source>
        <translation>拿起杯子后，这个人做了什么？</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>添加选项</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>删除选项</translation>
    </message>
    <message>
        <source>Ground truth:</source>
        <translation>正确答案：</translation>
    </message>
    <message>
        <source>Frames n sampled uniformly for the Localizer</source>
        <translation>为定位器均匀采样的帧数 n</translation>
    </message>
    <message>
        <source>Keyframes k handed to the Answerer</source>
        <translation>交给回答器的关键帧数 k</translation>
    </message>
    <message>
        <source>Frames (n):</source>
        <translation>帧数 (n)：</translation>
    </message>
    <message>
        <source>Keyframes (k):</source>
        <translation>关键帧数 (k)：</translation>
    </message>
    <message>
        <source>Run the Localizer and the Answerer (Ctrl+Enter)</source>
        <translation>运行定位器和回答器 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Option %1:</source>
        <translation>选项 %1：</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation>选项 %1</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::RefinementDialog</name>
    <message>
        <source>Refine the Localizer</source>
        <translation>精炼定位器</translation>
    </message>
    <message>
        <source>Label sources</source>
        <translation>标注来源</translation>
    </message>
    <message>
        <source>Sources are merged per question: your confirmed keyframes replace that item&apos;s pseudo-labels.</source>
        <translation>各来源按问题合并：你确认的关键帧会替换该条目的伪标注。</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>&amp;Base model:</source>
        <translation>基础模型(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Held out:</source>
        <translation>留出(&amp;H)：</translation>
    </message>
    <message>
        <source>The model version training starts from; the refined model becomes a new version</source>
        <translation>训练开始的模型版本；精炼后的模型成为一个新版本</translation>
    </message>
    <message>
        <source>Where training runs; at the real model size a GPU is the practical choice</source>
        <translation>训练运行的位置；对于真实大小的模型，GPU 才是实际的选择</translation>
    </message>
    <message>
        <source>Passes over the training questions (the paper uses 5 to 10)</source>
        <translation>遍历训练问题的次数（论文使用 5 到 10）</translation>
    </message>
    <message>
        <source>Fixes the shuffling, the frames drawn and the held-out split: the same seed gives the same run</source>
        <translation>固定打乱顺序、抽取的帧和留出划分：相同的种子得到相同的运行</translation>
    </message>
    <message>
        <source>The share of the labelled questions kept out of training, to compare the model before and after on questions it did not learn from; 0 trains on all and skips the comparison</source>
        <translation>不参与训练的已标注问题比例，用于在模型未学习过的问题上比较之前和之后；0 表示全部用于训练并跳过比较</translation>
    </message>
    <message>
        <source>Trains the Localizer&apos;s Q-Former, query tokens, projection and vision layer norm. The ViT and Flan-T5 stay frozen, and the Answerer is not changed.</source>
        <translation>训练定位器的 Q-Former、查询令牌、投影层和视觉层归一化。ViT 和 Flan-T5 保持冻结，回答器不变。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>开始(&amp;T)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stops after the current step; the last saved checkpoint is kept</source>
        <translation>在当前步骤后停止；保留最后保存的检查点</translation>
    </message>
    <message>
        <source>&amp;Use the refined model</source>
        <translation>使用精炼后的模型(&amp;U)</translation>
    </message>
    <message>
        <source>Answer with the refined Localizer from now on</source>
        <translation>从现在起使用精炼后的定位器回答</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Your confirmed keyframes: %1 on %2</source>
        <translation>你确认的关键帧：%2 上的 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s)</source>
        <translation>
            <numerusform>%n 个标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>On a labelled item its keyframes are &quot;yes&quot; and its other sampled frames &quot;no&quot;; unsure labels are left out</source>
        <translation>在已标注条目上，其关键帧为“是”，其他采样帧为“否”；不确定的标注不参与</translation>
    </message>
    <message>
        <source>Your confirmed keyframes: none in this project yet</source>
        <translation>你确认的关键帧：此项目中尚无</translation>
    </message>
    <message>
        <source>No confirmed keyframes in this project yet: mark keyframes with M</source>
        <translation>此项目中尚无确认的关键帧：用 M 标记关键帧</translation>
    </message>
    <message numerus="yes">
        <source>Reverse-chain pseudo-labels: %n question(s) of %1</source>
        <translation>
            <numerusform>反向链伪标注：%1 中的 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>SeViLA&apos;s reverse chain on the questions of %1 with a ground truth: the frozen Answerer answers from each frame alone, and a frame is a keyframe where that answer is right</source>
        <translation>对 %1 中有标准答案的问题使用 SeViLA 的反向链：冻结的回答器仅根据每一帧回答，答对的帧即为关键帧</translation>
    </message>
    <message>
        <source>Reverse-chain pseudo-labels: no ground truth in %1</source>
        <translation>反向链伪标注：%1 中没有标准答案</translation>
    </message>
    <message>
        <source>The open dataset has no ground truth answers: the reverse chain needs them to tell which frames answer right</source>
        <translation>打开的数据集没有标准答案：反向链需要它们来判断哪些帧回答正确</translation>
    </message>
    <message>
        <source>Reverse-chain pseudo-labels: no dataset open</source>
        <translation>反向链伪标注：未打开数据集</translation>
    </message>
    <message>
        <source>No dataset is open: open a split with its ground truth answers (File ▸ Open Dataset…)</source>
        <translation>未打开数据集：请打开一个带标准答案的划分（文件 ▸ 打开数据集…）</translation>
    </message>
    <message numerus="yes">
        <source>Relevant windows: %n question(s) of %1</source>
        <translation>
            <numerusform>相关窗口：%1 中的 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Relevant windows of %1</source>
        <translation>%1 的相关窗口</translation>
    </message>
    <message>
        <source>A frame is a keyframe when its time lies inside one of the question&apos;s annotated relevant windows</source>
        <translation>当帧的时间位于问题标注的某个相关窗口内时，该帧为关键帧</translation>
    </message>
    <message>
        <source>Relevant windows: QVHighlights only</source>
        <translation>相关窗口：仅限 QVHighlights</translation>
    </message>
    <message>
        <source>Only QVHighlights annotates relevant windows: open a QVHighlights split to train on them</source>
        <translation>只有 QVHighlights 标注相关窗口：请打开一个 QVHighlights 划分以用其训练</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Choose at least one label source to start.</source>
        <translation>请至少选择一个标注来源后开始。</translation>
    </message>
    <message>
        <source>Open a model first (File ▸ Open Model…).</source>
        <translation>请先打开模型（文件 ▸ 打开模型…）。</translation>
    </message>
    <message>
        <source>Hides this window; the run goes on</source>
        <translation>隐藏此窗口；运行继续</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling: finishing the current step…</source>
        <translation>正在取消：正在完成当前步骤…</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>已用 %1</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 elapsed · ETA %4</source>
        <translation>第 %1 / %2 步 · 已用 %3 · 预计剩余 %4</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>The peak learning rate. 3e-05 is the paper&apos;s, for a model pre-trained at scale; a small model trained from scratch, such as the demo&apos;s, may need a larger one</source>
        <translation>峰值学习率。3e-05 是论文所用的值，适用于大规模预训练的模型；从头训练的小模型（如演示模型）可能需要更大的学习率</translation>
    </message>
    <message>
        <source>&amp;Frames:</source>
        <translation>帧(&amp;F)：</translation>
    </message>
    <message>
        <source>Random in each interval</source>
        <translation>每个区间内随机</translation>
    </message>
    <message>
        <source>Uniform, cached</source>
        <translation>均匀，使用缓存</translation>
    </message>
    <message>
        <source>Random: each epoch draws new frames within the 32 intervals, as the paper does, and encodes them again. Uniform: the same frames every epoch, their image features read from the cache, so epochs after the first are much faster</source>
        <translation>随机：与论文相同，每个轮次在 32 个区间内重新抽取帧并重新编码。均匀：每个轮次使用相同的帧，其图像特征从缓存读取，因此第一轮之后的轮次快得多</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::RunHistory</name>
    <message>
        <source>%1 (truth %2)</source>
        <translation>%1（真值 %2）</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>This run is shown</source>
        <translation>正在显示此运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Right/wrong</source>
        <translation>对/错</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Keyframes</source>
        <translation>关键帧</translation>
    </message>
    <message>
        <source>Runs of this item</source>
        <translation>此条目的运行</translation>
    </message>
    <message>
        <source>No runs of this item yet</source>
        <translation>此条目还没有运行</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::SampledFrameStrip</name>
    <message>
        <source>%1 · %2 s
P(yes) %3</source>
        <translation>%1 · %2 秒
P(是) %3</translation>
    </message>
    <message>
        <source>Sample %1 of %2 · frame %3 · %4 s</source>
        <translation>第 %1 个采样（共 %2 个）· 第 %3 帧 · %4 秒</translation>
    </message>
    <message>
        <source>P(yes | yes, no) %1</source>
        <translation>P(是 | 是, 否) %1</translation>
    </message>
    <message>
        <source>model keyframe</source>
        <translation>模型关键帧</translation>
    </message>
    <message>
        <source>human keyframe</source>
        <translation>人工关键帧</translation>
    </message>
    <message>
        <source>single frame answers right</source>
        <translation>单帧回答正确</translation>
    </message>
    <message>
        <source>single frame answers wrong</source>
        <translation>单帧回答错误</translation>
    </message>
    <message>
        <source>Click: go to this sample · Double-click or M: mark/unmark as a human keyframe</source>
        <translation>单击：跳到此采样 · 双击或 M：标记/取消人工关键帧</translation>
    </message>
    <message>
        <source>The sampled frames of a run appear here: run a question</source>
        <translation>运行的采样帧显示在这里：请运行一个问题</translation>
    </message>
    <message>
        <source>Sampled frames</source>
        <translation>采样帧</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ScoreTimeline</name>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Localizer score</source>
        <translation>定位器得分</translation>
    </message>
    <message>
        <source>model keyframes</source>
        <translation>模型关键帧</translation>
    </message>
    <message>
        <source>human keyframes</source>
        <translation>人工关键帧</translation>
    </message>
    <message>
        <source>single frame answers right</source>
        <translation>单帧回答正确</translation>
    </message>
    <message>
        <source>single frame answers wrong</source>
        <translation>单帧回答错误</translation>
    </message>
    <message>
        <source>yes-logit</source>
        <translation>“是”的 logit</translation>
    </message>
    <message>
        <source>P(yes | yes, no)</source>
        <translation>P(是 | 是, 否)</translation>
    </message>
    <message>
        <source>Fit scores</source>
        <translation>适应分数</translation>
    </message>
    <message>
        <source>Fit the y-axis to the scores, or show the whole 0–1 range</source>
        <translation>让纵轴适应分数范围，或显示完整的 0–1 范围</translation>
    </message>
    <message>
        <source>Whole video</source>
        <translation>整个视频</translation>
    </message>
    <message>
        <source>Reset the zoom: show the whole video</source>
        <translation>重置缩放：显示整个视频</translation>
    </message>
    <message>
        <source>frame %1 (sample %2)
%3 s
%4 %5
click: seek · Ctrl+click: toggle human keyframe</source>
        <translation>第 %1 帧（采样 %2）
%3 秒
%4 %5
单击：跳转 · Ctrl+单击：切换人工关键帧</translation>
    </message>
    <message>
        <source>Click: seek · Ctrl+click: toggle a human keyframe · wheel: zoom · drag: pan · Shift+drag: mark a relevant span · Shift+click a span: remove it</source>
        <translation>单击：跳转 · Ctrl+单击：切换人工关键帧 · 滚轮：缩放 · 拖动：平移 · Shift+拖动：标记相关区间 · Shift+单击区间：删除</translation>
    </message>
    <message>
        <source>relevant windows</source>
        <translation>相关区间</translation>
    </message>
    <message>
        <source>Click: seek · Ctrl+click: toggle a human keyframe · wheel: zoom · drag: pan</source>
        <translation>单击：跳转 · Ctrl+单击：切换人工关键帧 · 滚轮：缩放 · 拖动：平移</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Where the model runs</source>
        <translation>模型在哪里运行</translation>
    </message>
    <message>
        <source>32-bit float (f32)</source>
        <translation>32 位浮点 (f32)</translation>
    </message>
    <message>
        <source>bfloat16 (bf16)</source>
        <translation>bfloat16 (bf16)</translation>
    </message>
    <message>
        <source>16-bit float (f16)</source>
        <translation>16 位浮点 (f16)</translation>
    </message>
    <message>
        <source>Lower precision is faster on a GPU; on the CPU use f32</source>
        <translation>较低精度在 GPU 上更快；在 CPU 上请使用 f32</translation>
    </message>
    <message>
        <source>Frames n sampled uniformly for the Localizer</source>
        <translation>为定位器均匀采样的帧数 n</translation>
    </message>
    <message>
        <source>Keyframes k handed to the Answerer</source>
        <translation>交给回答器的关键帧数 k</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Default cache folder</source>
        <translation>默认缓存文件夹</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>The oldest cached features are removed beyond this size</source>
        <translation>超过此大小时，删除最旧的缓存特征</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation>精度(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Frames (n):</source>
        <translation>帧数 (n)(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Keyframes (k):</source>
        <translation>关键帧数 (k)(&amp;K)：</translation>
    </message>
    <message>
        <source>Feature cache</source>
        <translation>特征缓存</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Size &amp;cap:</source>
        <translation>大小上限(&amp;C)：</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation>快捷键(&amp;S)</translation>
    </message>
    <message>
        <source>Two actions share a shortcut. Change one of them before pressing OK:
%1</source>
        <translation>有两个操作使用了同一个快捷键。请先修改其中一个，再按“确定”：
%1</translation>
    </message>
    <message>
        <source>Feature cache folder</source>
        <translation>特征缓存文件夹</translation>
    </message>
    <message>
        <source>Answer each sampled frame alone with every run (the &amp;oracle strip)</source>
        <translation>每次运行时单独回答每个采样帧（&amp;oracle 条带）</translation>
    </message>
    <message>
        <source>When the ground truth is known: n more Answerer passes per run. Turn off on a slow CPU; Compute Baselines still gives them on demand</source>
        <translation>已知正确答案时：每次运行多进行 n 次回答器推理。在较慢的 CPU 上请关闭；“计算基线”仍可按需给出</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Your keyframe labels are recorded under this name; each annotator has their own</source>
        <translation>你的关键帧标注以此名字记录；每位标注者各有自己的标注</translation>
    </message>
    <message>
        <source>&amp;Annotator:</source>
        <translation>标注者(&amp;A)：</translation>
    </message>
    <message>
        <source>This computer (in-process)</source>
        <translation>本机（进程内）</translation>
    </message>
    <message>
        <source>A server (sevila serve)</source>
        <translation>服务器（sevila serve）</translation>
    </message>
    <message>
        <source>The address sevila serve prints when it starts (https:// with TLS)</source>
        <translation>sevila serve 启动时打印的地址（使用 TLS 时为 https://）</translation>
    </message>
    <message>
        <source>None (a server on this computer without tokens)</source>
        <translation>无（本机上不使用令牌的服务器）</translation>
    </message>
    <message>
        <source>A file whose first line is one of the server&apos;s tokens</source>
        <translation>第一行为服务器令牌之一的文件</translation>
    </message>
    <message>
        <source>One LOCAL_FOLDER=ROOT per line: the server reads this computer&apos;s videos under LOCAL_FOLDER from its video root ROOT (a shared disk). Only the question and the video&apos;s name are sent; labels stay here.</source>
        <translation>每行一个 LOCAL_FOLDER=ROOT：服务器从其视频根目录 ROOT（共享磁盘）读取本机 LOCAL_FOLDER 下的视频。只发送问题和视频名称；标注保留在本机。</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Answer on:</source>
        <translation>回答位置(&amp;A)：</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Token file:</source>
        <translation>令牌文件(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Folders:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Backend</source>
        <translation>后端(&amp;B)</translation>
    </message>
    <message>
        <source>Token file</source>
        <translation>令牌文件</translation>
    </message>
    <message>
        <source>The server&apos;s address starts with http:// or https:// (e.g. http://gpu-box:8765).</source>
        <translation>服务器地址以 http:// 或 https:// 开头（例如 http://gpu-box:8765）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a folder mapping: write LOCAL_FOLDER=ROOT, one per line.</source>
        <translation>“%1”不是文件夹映射：请写成 LOCAL_FOLDER=ROOT，每行一个。</translation>
    </message>
    <message>
        <source>&amp;Upload the sampled frames of videos outside these folders</source>
        <translation>上传这些文件夹之外视频的采样帧(&amp;U)</translation>
    </message>
    <message>
        <source>The server answers on the frames this computer decodes (lossless, at the model&apos;s size), sent once per video; off: such videos are refused</source>
        <translation>服务器基于本机解码的帧作答(无损,模型输入尺寸),每个视频只发送一次;关闭时此类视频会被拒绝</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ShortcutEditor</name>
    <message>
        <source>Filter actions…</source>
        <translation>筛选操作…</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Reset &amp;all to defaults</source>
        <translation>全部恢复默认(&amp;A)</translation>
    </message>
    <message>
        <source>Shortcut for %1</source>
        <translation>%1 的快捷键</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Reset to the default (%1)</source>
        <translation>恢复默认值（%1）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Also used by: %1</source>
        <translation>也被以下操作使用：%1</translation>
    </message>
    <message>
        <source>Conflicting shortcuts: %1</source>
        <translation>快捷键冲突：%1</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::ShortcutSheet</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::TransportBar</name>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格）</translation>
    </message>
    <message>
        <source>Drag to any frame</source>
        <translation>拖动到任意帧</translation>
    </message>
    <message>
        <source>The frame on screen and its time; type a frame, seconds (4.5 s) or a time (1:02.5)</source>
        <translation>当前显示的帧及其时间；可输入帧号、秒数（4.5 s）或时间（1:02.5）</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Mark the loop&apos;s start at the playhead</source>
        <translation>在播放头处标记循环起点</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Mark the loop&apos;s end at the playhead</source>
        <translation>在播放头处标记循环终点</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Play the region between A and B over and over</source>
        <translation>反复播放 A 与 B 之间的片段</translation>
    </message>
    <message>
        <source>of %1 · %2</source>
        <translation>共 %1 · %2</translation>
    </message>
    <message>
        <source>Loop start: frame %1 (click to move it to the playhead)</source>
        <translation>循环起点：第 %1 帧（单击移到播放头）</translation>
    </message>
    <message>
        <source>Loop end: frame %1 (click to move it to the playhead)</source>
        <translation>循环终点：第 %1 帧（单击移到播放头）</translation>
    </message>
</context>
<context>
    <name>sevila::widgets::VideoView</name>
    <message>
        <source>Open a video (File ▸ Open Video…) or drop one here</source>
        <translation>打开视频（文件 ▸ 打开视频…）或将视频拖放到此处</translation>
    </message>
</context>
</TS>
