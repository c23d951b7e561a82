<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/gui/app.py" line="74" />
        <source>Your annotator name:</source>
        <translation>اسمك كموسِّم:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="89" />
        <source>Open a project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="91" />
        <source>Projects (*.db *.sqlite);;All files (*)</source>
        <translation>مشاريع (*.db *.sqlite);;كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="101" />
        <source>ID</source>
        <translation>المعرّف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="101" />
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="101" />
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="101" />
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="129" />
        <source>to do</source>
        <translation>للعمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="130" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="131" />
        <source>done</source>
        <translation>تم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_list.py" line="132" />
        <source>skipped</source>
        <translation>متخطّى</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="45" />
        <location filename="../../annotator/gui/import_dialog.py" line="160" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="50" />
        <source>Skip invalid records (write them to a .rejects.jsonl)</source>
        <translation>تخطّي السجلات غير الصالحة (تُكتب في ملف ‎.rejects.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="55" />
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="82" />
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="83" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="124" />
        <source>Imported: {summary}</source>
        <translation>تم الاستيراد: {summary}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="128" />
        <source>Rejected records: {path}</source>
        <translation>السجلات المرفوضة: {path}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="138" />
        <source>Import articles</source>
        <translation>استيراد مقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/import_dialog.py" line="140" />
        <source>Corpora (*.jsonl *.json *.csv *.tsv *.txt *.conll *.db *.sqlite);;All files (*)</source>
        <translation>مدونات (*.jsonl *.json *.csv *.tsv *.txt *.conll *.db *.sqlite);;كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>LabelEditor</name>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="38" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="59" />
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="60" />
        <source>Display name (Arabic)</source>
        <translation>الاسم المعروض (بالعربية)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="61" />
        <source>Color</source>
        <translation>اللون</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="62" />
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="63" />
        <source>Guideline</source>
        <translation>الإرشاد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="64" />
        <source>New label</source>
        <translation>وسم جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="65" />
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="135" />
        <source>Label color</source>
        <translation>لون الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/label_editor.py" line="160" />
        <source>The key {key} is already used by {label}.</source>
        <translation>المفتاح {key} مستخدم للوسم {label}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="109" />
        <source>All</source>
        <extracomment>An article was opened (its id). The current article's spans changed (tag, relabel, delete, undo, redo, refresh). The last error shown to the user (tests and scripts read it). Close the store with the window (set when the window opened the project).</extracomment>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="114" />
        <source>Filter by title</source>
        <translation>تصفية حسب العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="161" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="161" />
        <source>Words</source>
        <translation>كلمات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="161" />
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="166" />
        <source>Note on this article</source>
        <translation>ملاحظة على هذا المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="171" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="173" />
        <source>Spans in this article</source>
        <translation>الوسوم في هذا المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="227" />
        <source>Article {id}: its text cannot be shown exactly; tagging is off.</source>
        <translation>المقال {id}: لا يمكن عرض نصه كما هو؛ الوسم معطّل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="371" />
        <source>Select some words first.</source>
        <translation>حدّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="395" />
        <source>Click a span first to delete it.</source>
        <translation>انقر على وسم أولًا لحذفه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="399" />
        <source>This span belongs to {name}; it is not yours to delete.</source>
        <translation>هذا الوسم يخص {name}؛ لا يمكنك حذفه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="449" />
        <source>Undo {what}</source>
        <translation>تراجع عن {what}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="452" />
        <source>Redo {what}</source>
        <translation>إعادة {what}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="464" />
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="45" />
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="47" />
        <source>Open project…</source>
        <translation>فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="49" />
        <source>New project…</source>
        <translation>مشروع جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="50" />
        <source>Recent projects</source>
        <translation>المشاريع الأخيرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="54" />
        <source>Import…</source>
        <translation>استيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="58" />
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="62" />
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="64" />
        <source>Edit</source>
        <translation>تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="65" />
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="67" />
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="72" />
        <source>Delete span</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="74" />
        <source>Character precision</source>
        <translation>دقة الحرف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="82" />
        <source>Labels…</source>
        <translation>الوسوم…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="84" />
        <source>Article</source>
        <translation>المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="85" />
        <source>Next article</source>
        <translation>المقال التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="86" />
        <source>Previous article</source>
        <translation>المقال السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="88" />
        <source>Done, go to next</source>
        <translation>تم، إلى التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="91" />
        <source>Skip, go to next</source>
        <translation>تخطٍّ، إلى التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="93" />
        <source>Edit note</source>
        <translation>تحرير الملاحظة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="94" />
        <source>Go to article list</source>
        <translation>إلى قائمة المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="95" />
        <source>Back to the text</source>
        <translation>العودة إلى النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="97" />
        <source>View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="99" />
        <source>Show everyone's spans</source>
        <translation>إظهار وسوم الجميع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="108" />
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="110" />
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="111" />
        <source>Font…</source>
        <translation>الخط…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="112" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="116" />
        <source>Team</source>
        <translation>الفريق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="118" />
        <source>Review…</source>
        <translation>المراجعة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="47" />
        <source>No more articles in this list.</source>
        <translation>لا مزيد من المقالات في هذه القائمة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="75" />
        <source>Every article in this list is done.</source>
        <translation>اكتملت كل مقالات هذه القائمة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="146" />
        <source>{name}: {done} / {total} done</source>
        <translation>{name}: أُنجز {done} من {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="153" />
        <source>Article {pos} of {n}</source>
        <translation>المقال {pos} من {n}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="155" />
        <source>Characters</source>
        <translation>حروف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="156" />
        <source>Everyone's spans</source>
        <translation>وسوم الجميع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_flow.py" line="156" />
        <source>Blind</source>
        <translation>معمّى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_files.py" line="43" />
        <source>The language changes the next time the app starts.</source>
        <translation>تتغير اللغة عند تشغيل التطبيق في المرة القادمة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_files.py" line="50" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_files.py" line="50" />
        <source>Projects (*.db *.sqlite);;All files (*)</source>
        <translation>مشاريع (*.db *.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_files.py" line="57" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_files.py" line="57" />
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
</context>
</TS>