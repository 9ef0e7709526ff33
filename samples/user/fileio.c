/* File I/O through stdio and raw syscalls: create a file in the working directory, write, seek, read back,
 * stat, rename, unlink, and check that the file is gone. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char name[64], renamed[64];
    /* The pid keeps parallel runs apart; it is never printed. */
    snprintf(name, sizeof name, "corpus-fileio-%d.tmp", (int)getpid());
    snprintf(renamed, sizeof renamed, "corpus-fileio-%d.renamed", (int)getpid());

    FILE *f = fopen(name, "w");
    if (!f) {
        perror("fopen");
        return 2;
    }
    unsigned sum = 0;
    for (int i = 0; i < 5000; i++) {
        fprintf(f, "line %d value %d\n", i, i * i % 977);
    }
    fclose(f);

    struct stat st;
    if (stat(name, &st) != 0) {
        return 3;
    }
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    int fd = open(name, O_RDWR);
    char buf[4096];
    ssize_t n;
    long total = 0, lines = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t k = 0; k < n; k++) {
            sum = sum * 31 + (unsigned char)buf[k];
            lines += buf[k] == '\n';
        }
        total += n;
    }
    printf("read %ld bytes, %ld lines\n", total, lines);
    off_t pos = lseek(fd, 1000, SEEK_SET);
    n = read(fd, buf, 40);
    printf("at %lld: '%.*s'\n", (long long)pos, (int)n, buf);
    lseek(fd, 0, SEEK_SET);
    if (write(fd, "LINE", 4) != 4) {
        return 4;
    }
    n = pread(fd, buf, 20, 0);
    printf("pread '%.*s'\n", (int)n, buf);
    printf("lseek end %lld\n", (long long)lseek(fd, 0, SEEK_END));
    close(fd);

    if (rename(name, renamed) != 0) {
        return 5;
    }
    f = fopen(renamed, "r");
    char line[100];
    int shown = 0;
    while (fgets(line, sizeof line, f) && shown < 3) {
        printf("fgets: %s", line);
        shown++;
    }
    fclose(f);
    unlink(renamed);
    errno = 0;
    int gone = open(renamed, O_RDONLY);
    printf("after unlink: fd %d errno %s\n", gone, errno == ENOENT ? "ENOENT" : strerror(errno));
    printf("checksum %08x\n", sum);
    return (int)(sum % 61);
}
